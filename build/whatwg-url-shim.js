// node-fetch v2 only falls back to whatwg-url when `require('url').URL` is missing, which never
// happens on Node >= 10; bundling the real package would add tr46's ~265 KB of Unicode tables.
const url = require('url');
module.exports = { URL: url.URL, URLSearchParams: url.URLSearchParams };
