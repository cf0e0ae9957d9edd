import { LitElement, html, css } from 'lit';
import { JsonRpc } from 'jsonrpc';
import { notifier } from 'notifier';
import '@vaadin/combo-box';
import '@vaadin/text-area';
import '@vaadin/button';
import '@vaadin/progress-bar';

const EXAMPLE = `{
  "lines": [
    { "sku": "SKU-1", "quantity": 2 }
  ],
  "shopper": { "postalCode": "72712" }
}`;

/**
 * Sends an availability request to Stockout, as a storefront's webhook would (without a signature), and shows the
 * answer: per line what ships now and what is offered instead, then the JSON as the webhook returns it.
 */
export class QwcStockoutAvailability extends LitElement {

    jsonRpc = new JsonRpc(this);

    static styles = css`
        :host {
            display: flex;
            flex-direction: column;
            gap: 10px;
            padding: 10px;
        }
        .form {
            display: flex;
            gap: 10px;
            align-items: end;
            flex-wrap: wrap;
        }
        vaadin-text-area {
            width: 100%;
            min-height: 160px;
        }
        vaadin-text-area::part(input-field) {
            font-family: var(--lumo-font-family-monospace, monospace);
        }
        table {
            border-collapse: collapse;
        }
        th, td {
            text-align: left;
            vertical-align: top;
            padding: 4px 12px 4px 0;
        }
        pre {
            background: var(--lumo-contrast-5pct);
            padding: 10px;
            overflow: auto;
            max-height: 480px;
        }
        .refused {
            color: var(--lumo-error-text-color);
        }
    `;

    static properties = {
        _catalogs: { state: true },
        _catalog: { state: true },
        _request: { state: true },
        _answer: { state: true },
        _busy: { state: true }
    };

    constructor() {
        super();
        this._catalogs = [];
        this._catalog = null;
        this._request = EXAMPLE;
        this._answer = null;
        this._busy = false;
    }

    connectedCallback() {
        super.connectedCallback();
        this.jsonRpc.catalogs()
            .then(response => {
                this._catalogs = response.result.map(catalog => catalog.id);
                if (!this._catalog && this._catalogs.length > 0) {
                    this._catalog = this._catalogs[0];
                }
            })
            .catch(() => notifier.showErrorMessage('The catalogs could not be read'));
    }

    render() {
        return html`
            <div class="form">
                <vaadin-combo-box label="Catalog" .items=${this._catalogs} .value=${this._catalog ?? ''}
                    allow-custom-value
                    @value-changed=${event => this._catalog = event.detail.value}></vaadin-combo-box>
                <vaadin-button theme="primary" ?disabled=${this._busy || !this._catalog} @click=${this._check}>
                    Check availability</vaadin-button>
            </div>
            <vaadin-text-area label="Request (the availability webhook's body)" .value=${this._request}
                @value-changed=${event => this._request = event.detail.value}></vaadin-text-area>
            ${this._busy ? html`<vaadin-progress-bar indeterminate aria-label="Checking"></vaadin-progress-bar>` : ''}
            ${this._answer ? this._renderAnswer() : ''}`;
    }

    _check() {
        this._busy = true;
        this.jsonRpc.availability({ catalog: this._catalog, request: this._request })
            .then(response => {
                this._answer = response.result;
            })
            .catch(response => {
                this._answer = null;
                const message = response && response.error ? response.error.message : 'The check failed';
                notifier.showErrorMessage(message);
            })
            .finally(() => {
                this._busy = false;
            });
    }

    _renderAnswer() {
        const answer = this._answer;
        if (answer.status !== 200) {
            return html`
                <p class="refused">Refused with ${answer.status}: ${answer.body.detail}
                    ${answer.body.field ? html`(at <code>${answer.body.field}</code>)` : ''}</p>
                <pre>${JSON.stringify(answer.body, null, 2)}</pre>`;
        }
        const body = answer.body;
        return html`
            <p>Stockout is ${body.active ? 'on' : 'off'} for this catalog${body.shopper && body.shopper.located === false
                ? '; the shopper could not be located, so no pickup is offered' : ''}.</p>
            <table>
                <thead><tr><th>SKU</th><th>Requested</th><th>Status</th><th>Ships now</th><th>Offers</th></tr></thead>
                <tbody>${body.lines.map(line => html`
                    <tr>
                        <td><code>${line.sku}</code></td>
                        <td>${line.requested}</td>
                        <td>${line.status}</td>
                        <td>${line.shipNow}</td>
                        <td>${(line.offers || []).map(offer => html`<div>${this._offer(offer)}</div>`)}</td>
                    </tr>`)}
                </tbody>
            </table>
            <pre>${JSON.stringify(body, null, 2)}</pre>`;
    }

    _offer(offer) {
        switch (offer.kind) {
            case 'BACKORDER':
                return `backorder ${offer.quantity}, promised ${offer.promise.date} `
                    + `(confidence ${offer.promise.confidence}, ${offer.promise.basis})`;
            case 'PICKUP':
                return `pickup ${offer.quantity} at ${offer.name || offer.location}, ${offer.distanceKm} km, `
                    + `ready by ${offer.readyBy}`;
            case 'SUBSTITUTE':
                return `substitute ${offer.sku}${offer.name ? ' (' + offer.name + ')' : ''}, ${offer.available} available`;
            default:
                return `${offer.kind.toLowerCase().replace('_', ' ')} ${offer.quantity}`;
        }
    }
}
customElements.define('qwc-stockout-availability', QwcStockoutAvailability);
