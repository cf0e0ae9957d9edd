import { LitElement, html, css } from 'lit';
import { JsonRpc } from 'jsonrpc';
import { notifier } from 'notifier';
import { columnBodyRenderer } from '@vaadin/grid/lit.js';
import '@vaadin/grid';
import '@vaadin/checkbox';
import '@vaadin/button';
import '@vaadin/progress-bar';
import { consoleUrl } from 'build-time-data';

/**
 * Stockout's catalogs with their on/off toggle. A toggle changes the catalog as the administration API does: it is
 * audited (actor "dev-ui") and reaches every instance at once.
 */
export class QwcStockoutCatalogs extends LitElement {

    jsonRpc = new JsonRpc(this);

    static styles = css`
        :host {
            display: flex;
            flex-direction: column;
            gap: 10px;
            padding: 10px;
        }
        .footer {
            display: flex;
            gap: 20px;
            align-items: center;
        }
        code {
            font-size: 90%;
        }
    `;

    static properties = {
        _catalogs: { state: true },
        _pending: { state: true }
    };

    constructor() {
        super();
        this._catalogs = null;
        this._pending = new Set();
    }

    connectedCallback() {
        super.connectedCallback();
        this._load();
    }

    render() {
        if (this._catalogs === null) {
            return html`<vaadin-progress-bar indeterminate aria-label="Loading catalogs"></vaadin-progress-bar>`;
        }
        return html`
            ${this._catalogs.length === 0
                ? html`<p>No catalog yet: create one with <code>PUT /stockout/catalogs/{catalog}</code>.</p>`
                : this._grid()}
            <div class="footer">
                <vaadin-button theme="tertiary" @click=${this._load}>Reload</vaadin-button>
                ${consoleUrl
                    ? html`<a href="${consoleUrl}" target="_blank" rel="noopener">Open the merchant console</a>`
                    : ''}
            </div>`;
    }

    _grid() {
        return html`
            <vaadin-grid .items=${this._catalogs} theme="no-border row-stripes" all-rows-visible>
                <vaadin-grid-column header="Catalog" auto-width
                    ${columnBodyRenderer(catalog => html`<code>${catalog.id}</code>`, [])}></vaadin-grid-column>
                <vaadin-grid-column header="Name" path="name"></vaadin-grid-column>
                <vaadin-grid-column header="Stockout" auto-width
                    ${columnBodyRenderer(catalog => this._toggle(catalog), [this._pending])}></vaadin-grid-column>
                <vaadin-grid-column header="Offers, in order" auto-width
                    ${columnBodyRenderer(catalog => this._offers(catalog), [])}></vaadin-grid-column>
            </vaadin-grid>`;
    }

    _toggle(catalog) {
        return html`<vaadin-checkbox
            label="${catalog.active ? 'on' : 'off'}"
            aria-label="Stockout for catalog ${catalog.id}"
            .checked=${catalog.active}
            ?disabled=${this._pending.has(catalog.id)}
            @change=${event => this._switch(catalog, event.target.checked)}></vaadin-checkbox>`;
    }

    _offers(catalog) {
        if (catalog.forcedOutOfStock) {
            return html`forced out of stock: nothing is sold`;
        }
        return catalog.offerKinds.length === 0 ? html`none` : html`${catalog.offerKinds.join(', ')}`;
    }

    _load() {
        this.jsonRpc.catalogs()
            .then(response => {
                this._catalogs = response.result;
            })
            .catch(response => {
                this._catalogs = [];
                notifier.showErrorMessage(this._message(response, 'The catalogs could not be read'));
            });
    }

    _switch(catalog, active) {
        this._pending = new Set([...this._pending, catalog.id]);
        this.jsonRpc.toggle({ catalog: catalog.id, active: active })
            .then(response => {
                const answer = response.result;
                if (answer.status !== 200) {
                    notifier.showErrorMessage(`Catalog ${catalog.id} was not changed: ${answer.body.detail}`);
                    this._load();
                    return;
                }
                const changed = answer.body;
                this._catalogs = this._catalogs.map(c => c.id === changed.id ? changed : c);
                notifier.showInfoMessage(`Stockout is ${changed.active ? 'on' : 'off'} for catalog ${changed.id}`);
            })
            .catch(response => {
                notifier.showErrorMessage(this._message(response, `Catalog ${catalog.id} was not changed`));
                this._load();
            })
            .finally(() => {
                const pending = new Set(this._pending);
                pending.delete(catalog.id);
                this._pending = pending;
            });
    }

    _message(response, fallback) {
        return response && response.error && response.error.message ? response.error.message : fallback;
    }
}
customElements.define('qwc-stockout-catalogs', QwcStockoutCatalogs);
