/**
 * `GET /docs`: the OpenAPI document rendered as a page, with no network: the document is embedded as JSON and a small
 * inline script builds the page from it. Every text from the document goes in through `textContent`, never as HTML.
 */
import { createHash } from 'node:crypto';

const STYLE = `
body { font: 15px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem 1.5rem 4rem; color: #1d2330; }
h1 { margin-bottom: 0.2rem; } h2 { margin-top: 2.5rem; border-bottom: 1px solid #d8dce6; padding-bottom: 0.3rem; }
code, .path { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 0.92em; }
.op { border: 1px solid #d8dce6; border-radius: 6px; margin: 1rem 0; padding: 0.6rem 0.9rem; }
.op-head { display: flex; gap: 0.6rem; align-items: baseline; flex-wrap: wrap; }
.method { font-weight: 700; font-size: 0.8rem; padding: 0.1rem 0.45rem; border-radius: 4px; color: #fff; background: #59657a; }
.m-get { background: #2f6fbf; } .m-post { background: #2a8a4a; } .m-put { background: #a86b00; } .m-patch { background: #8a5a00; } .m-delete { background: #b02a2a; }
.path { font-weight: 600; } .summary { color: #4a5568; }
.auth { font-size: 0.88rem; color: #4a5568; margin: 0.3rem 0; }
.desc { white-space: pre-wrap; margin: 0.4rem 0; }
h4 { margin: 0.7rem 0 0.2rem; font-size: 0.9rem; }
ul.schema { list-style: none; padding-left: 1.1rem; margin: 0.1rem 0; border-left: 2px solid #eef0f5; }
.name { font-weight: 600; } .type { color: #6b3fa0; } .req { color: #b02a2a; font-size: 0.8rem; } .note { color: #5f6b7a; font-size: 0.88rem; }
.status { font-weight: 600; }
nav a { margin-right: 0.8rem; }
`;

/** The browser side. Plain ES2017, no template literals (it lives in one). Builds the DOM from the embedded document. */
const SCRIPT = String.raw`(function () {
  'use strict';
  var doc = JSON.parse(document.getElementById('openapi-document').textContent);
  var root = document.getElementById('app');
  var schemas = (doc.components && doc.components.schemas) || {};
  var METHODS = ['get', 'post', 'put', 'patch', 'delete'];

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function add(parent, child) { parent.appendChild(child); return child; }
  function refName(ref) { return ref.slice(ref.lastIndexOf('/') + 1); }
  function resolve(schema) {
    for (var i = 0; schema && schema.$ref && i < 20; i++) schema = schemas[refName(schema.$ref)];
    return schema || {};
  }
  function typeOf(schema) {
    if (!schema) return 'any';
    if (schema.$ref) return refName(schema.$ref);
    if (schema.enum) return schema.enum.map(function (v) { return JSON.stringify(v); }).join(' | ');
    if (schema.const !== undefined) return JSON.stringify(schema.const);
    var alts = schema.anyOf || schema.oneOf;
    if (alts) return alts.map(typeOf).join(' | ');
    if (schema.type === 'array') return typeOf(schema.items) + '[]';
    if (Array.isArray(schema.type)) return schema.type.join(' | ');
    return schema.type || 'any';
  }
  function count(n, what) { return n + ' ' + what + (n === 1 ? '' : 's'); }
  function notes(schema) {
    var s = resolve(schema), out = [], LIMIT = 9007199254740991;
    if (s.format) out.push(s.format);
    if (s.minLength !== undefined) out.push('at least ' + count(s.minLength, 'character'));
    if (s.maxLength !== undefined) out.push('at most ' + count(s.maxLength, 'character'));
    if (s.minimum !== undefined && s.minimum > -LIMIT) out.push('min ' + s.minimum);
    if (s.maximum !== undefined && s.maximum < LIMIT) out.push('max ' + s.maximum);
    if (s.minItems !== undefined) out.push('at least ' + count(s.minItems, 'item'));
    if (s.maxItems !== undefined) out.push('at most ' + count(s.maxItems, 'item'));
    if (s.pattern && !s.format) out.push('matches ' + s.pattern);
    if (s.default !== undefined) out.push('default ' + JSON.stringify(s.default));
    if (s.additionalProperties === false) out.push('no other fields');
    return out.join('; ');
  }
  function fields(schema) {
    var s = resolve(schema);
    if (s.type === 'array') s = resolve(s.items);
    return s.properties ? s : null;
  }
  /** A schema as nested lists of fields: name, type, required, constraints, description. */
  function renderSchema(schema, depth) {
    var list = el('ul', 'schema');
    var s = resolve(schema);
    var alts = s.anyOf || s.oneOf;
    if (alts && !s.properties) {
      alts.forEach(function (alt, i) {
        var item = add(list, el('li'));
        add(item, el('span', 'note', (i === 0 ? 'either ' : 'or ') + typeOf(alt) + (resolve(alt).description ? ': ' + resolve(alt).description : '')));
        if (depth < 5 && fields(alt)) add(item, renderSchema(alt, depth + 1));
      });
      return list;
    }
    var object = fields(s);
    if (!object) {
      var only = add(list, el('li'));
      add(only, el('span', 'type', typeOf(schema)));
      var n = notes(schema);
      if (n) add(only, el('span', 'note', ' (' + n + ')'));
      return list;
    }
    if (s.type === 'array') add(add(list, el('li')), el('span', 'note', 'an array of:'));
    var required = object.required || [];
    var objectNotes = notes(object);
    if (objectNotes) add(add(list, el('li')), el('span', 'note', objectNotes));
    Object.keys(object.properties).forEach(function (name) {
      var property = object.properties[name];
      var item = add(list, el('li'));
      add(item, el('code', 'name', name));
      add(item, el('span', null, ': '));
      add(item, el('span', 'type', typeOf(property)));
      if (required.indexOf(name) >= 0) add(item, el('span', 'req', ' required'));
      var n = notes(property);
      if (n) add(item, el('span', 'note', ' (' + n + ')'));
      var description = property.description || resolve(property).description;
      if (description) add(item, el('span', 'note', ' - ' + description));
      if (depth < 5 && (fields(property) || resolve(property).anyOf)) add(item, renderSchema(property, depth + 1));
    });
    return list;
  }
  function authText(op) {
    var auth = op['x-baton-auth'] || { tokens: [] };
    if (!auth.tokens.length) return 'Auth: none (anyone)';
    var names = { customer: 'customer token (ct_...)', agent: 'agent session (at_...)', apiKey: 'channel API key (bk_...)' };
    var kinds = auth.tokens.map(function (t) { return names[t] || t; }).join(' or ');
    return 'Auth: ' + kinds + (auth['in'] === 'query' ? ', in the token query parameter' : ', as Authorization: Bearer') + (auth.who ? '. Who: ' + auth.who : '');
  }
  function jsonSchemaOf(content) {
    return content && content['application/json'] && content['application/json'].schema;
  }
  function renderOperation(method, path, op) {
    var box = el('section', 'op');
    box.id = op.operationId || (method + path);
    var head = add(box, el('div', 'op-head'));
    add(head, el('span', 'method m-' + method, method.toUpperCase()));
    add(head, el('span', 'path', path));
    add(head, el('span', 'summary', op.summary || ''));
    add(box, el('div', 'auth', authText(op)));
    if (op.description) add(box, el('div', 'desc', op.description.split('\n\n').filter(function (p) { return p.indexOf('**Who:**') !== 0; }).join('\n\n')));
    if (op.parameters && op.parameters.length) {
      add(box, el('h4', null, 'Parameters'));
      var params = add(box, el('ul', 'schema'));
      op.parameters.forEach(function (p) {
        var item = add(params, el('li'));
        add(item, el('code', 'name', p.name));
        add(item, el('span', 'note', ' in ' + p['in'] + ': '));
        add(item, el('span', 'type', typeOf(p.schema)));
        if (p.required) add(item, el('span', 'req', ' required'));
        var n = notes(p.schema);
        if (n) add(item, el('span', 'note', ' (' + n + ')'));
        if (p.description) add(item, el('span', 'note', ' - ' + p.description));
      });
    }
    if (op.requestBody) {
      add(box, el('h4', null, 'Request body (JSON, ' + (op.requestBody.required ? 'required' : 'optional') + ')'));
      add(box, renderSchema(jsonSchemaOf(op.requestBody.content), 0));
    }
    add(box, el('h4', null, 'Responses'));
    var responses = add(box, el('ul', 'schema'));
    Object.keys(op.responses || {}).forEach(function (status) {
      var response = op.responses[status];
      var item = add(responses, el('li'));
      add(item, el('span', 'status', status));
      add(item, el('span', null, ' ' + (response.description || '')));
      var schema = jsonSchemaOf(response.content);
      var types = Object.keys(response.content || {}).filter(function (t) { return t !== 'application/json'; });
      if (types.length) add(item, el('span', 'note', ' (' + types.join(', ') + ')'));
      if (schema && status.charAt(0) === '2') {
        var more = add(item, el('details'));
        add(more, el('summary', 'type', typeOf(schema)));
        add(more, renderSchema(schema, 0));
      }
    });
    return box;
  }

  add(root, el('h1', null, (doc.info && doc.info.title) + ' API ' + (doc.info && doc.info.version)));
  add(root, el('p', 'desc', (doc.info && doc.info.description) || ''));
  var link = add(root, el('p'));
  var a = add(link, el('a', null, 'openapi.json'));
  a.href = 'openapi.json';
  add(link, el('span', 'note', ' (OpenAPI ' + doc.openapi + ')'));

  var byTag = {}, order = (doc.tags || []).map(function (t) { return t.name; });
  Object.keys(doc.paths || {}).forEach(function (path) {
    METHODS.forEach(function (method) {
      var op = doc.paths[path][method];
      if (!op) return;
      var tag = (op.tags && op.tags[0]) || 'other';
      if (order.indexOf(tag) < 0) order.push(tag);
      (byTag[tag] = byTag[tag] || []).push([method, path, op]);
    });
  });
  var nav = add(root, el('nav'));
  order.forEach(function (tag, i) {
    if (!byTag[tag]) return;
    var link = add(nav, el('a', null, tag));
    link.href = '#tag-' + i;
  });
  order.forEach(function (tag, i) {
    if (!byTag[tag]) return;
    var heading = add(root, el('h2', null, tag));
    heading.id = 'tag-' + i;
    var info = (doc.tags || []).filter(function (t) { return t.name === tag; })[0];
    if (info && info.description) add(root, el('p', 'note', info.description));
    byTag[tag].forEach(function (entry) { add(root, renderOperation(entry[0], entry[1], entry[2])); });
  });
})();`;

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** Only the embedded script and style run: nothing from the document can become markup or code. */
export const DOCS_CSP = [
  "default-src 'none'",
  `script-src ${sha256(SCRIPT)}`,
  `style-src ${sha256(STYLE)}`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** JSON safe inside a <script> element: no `<` (so no `</script>`), and no line separators old parsers choke on. */
function embeddable(json: string): string {
  return json.replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

export function docsPage(documentJson: string, title = 'Baton API'): string {
  const safeTitle = title.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return (
    '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n' +
    `<title>${safeTitle}</title>\n<style>${STYLE}</style>\n</head>\n<body>\n` +
    '<main id="app"><noscript>This page needs JavaScript; the document itself is at <a href="openapi.json">openapi.json</a>.</noscript></main>\n' +
    `<script type="application/json" id="openapi-document">${embeddable(documentJson)}</script>\n` +
    `<script>${SCRIPT}</script>\n</body>\n</html>\n`
  );
}

/** For tests: the page's script, to run against a stand-in document. */
export const DOCS_SCRIPT = SCRIPT;
