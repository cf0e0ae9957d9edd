// Small DOM helpers: every text is set with textContent, never parsed as HTML.

/** Makes an element: attributes (null and false left out, true as an empty attribute), then children or texts. */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.substring(2), value);
    } else if (name === 'text') {
      element.textContent = value;
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's content. */
export function fill(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

let fieldCount = 0;

/** A labelled control: the label names it for assistive technology, and its id is derived from the name given. */
export function field(labelText, control) {
  if (!control.id) {
    fieldCount += 1;
    control.id = `field-${fieldCount}`;
  }
  return el('div', { class: 'field' }, el('label', { for: control.id, text: labelText }), control);
}

/** A select of the options given, as [value, text] pairs or plain values. */
export function select(attributes, options, selected) {
  const element = el('select', attributes);
  for (const option of options) {
    const [value, text] = Array.isArray(option) ? option : [option, option];
    element.append(el('option', { value, selected: value === selected, text }));
  }
  return element;
}

/**
 * A table: columns are [heading, function of a row answering a text or a node]. Wide tables scroll inside their own
 * box on small screens; the box can take the keyboard focus so that it can be scrolled without a mouse.
 */
export function table(caption, columns, rows, attributes = {}, rowAttributes = () => ({})) {
  const head = el('tr', {}, columns.map(([heading]) => el('th', { scope: 'col', text: heading })));
  const body = el('tbody', {}, rows.map((row) => el('tr', rowAttributes(row), columns.map(([, cell]) => {
    const value = cell(row);
    return el('td', {}, value === null || value === undefined ? '' : value);
  }))));
  const tableElement = el('table', attributes, el('caption', { text: caption }), el('thead', {}, head), body);
  return el('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': caption }, tableElement);
}

/** A date-time as the merchant's browser shows it. */
export function when(value) {
  if (!value) {
    return '';
  }
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : date.toLocaleString();
}

/** A share from 0 to 1 as a percentage. */
export function percent(value) {
  return value === null || value === undefined ? '–' : `${(value * 100).toFixed(1)} %`;
}
