import type { SimContext } from './context';
import { bodyReply, emptyReply, htmlReply, jsonReply, type Reply } from './reply';

// The answers that are not task JSON: unknown paths, auth failures, rate limits, server errors,
// stray HTML — each in the shape the dialect's server really produces.

export const NEWAPI_SPA_HTML =
  '<!doctype html><html lang="zh"><head><meta charset="utf-8"/><link rel="icon" href="/logo.png"/>' +
  '<meta name="viewport" content="width=device-width,initial-scale=1"/><meta name="theme-color" content="#ffffff"/>' +
  '<meta name="description" content="OpenAI 接口聚合管理，支持多种渠道包括 Azure，可用于二次分发管理 key"/>' +
  '<title>New API</title><script type="module" crossorigin src="/assets/index-BmWc1bQ4.js"></script>' +
  '<link rel="stylesheet" crossorigin href="/assets/index-DQ4kpyJS.css"></head>' +
  '<body><noscript>You need to enable JavaScript to run this app.</noscript><div id="root"></div></body></html>';

const TOMCAT_404_HTML =
  '<!doctype html><html lang="en"><head><title>HTTP Status 404 – Not Found</title><style type="text/css">' +
  'body {font-family:Tahoma,Arial,sans-serif;} h1, h2, h3, b {color:white;background-color:#525D76;} h1 {font-size:22px;} ' +
  'h2 {font-size:16px;} h3 {font-size:14px;} p {font-size:12px;} a {color:black;} .line {height:1px;background-color:#525D76;border:none;}' +
  '</style></head><body><h1>HTTP Status 404 – Not Found</h1><hr class="line" /><p><b>Type</b> Status Report</p>' +
  '<p><b>Description</b> The origin server did not find a current representation for the target resource or is not willing ' +
  'to disclose that one exists.</p><hr class="line" /><h3>Apache Tomcat/9.0.71</h3></body></html>';

const NGINX_WELCOME_HTML =
  '<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n</head>\n<body>\n<h1>Welcome to nginx!</h1>\n' +
  '<p>If you see this page, the nginx web server is successfully installed and working. Further configuration is required.</p>\n' +
  '</body>\n</html>\n';

function nginxErrorHtml(status: number): string {
  const text: Record<number, string> = { 502: 'Bad Gateway', 503: 'Service Temporarily Unavailable', 504: 'Gateway Time-out' };
  const title = `${status} ${text[status] ?? 'Error'}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

function springError(ctx: SimContext, status: number, error: string, path: string): Reply {
  const timestamp = new Date(ctx.now()).toISOString().replace('Z', '+00:00');
  return jsonReply(ctx.dialect, status, { timestamp, status, error, path });
}

/** A path the dialect's server does not have. */
export function unknownPathReply(ctx: SimContext, method: string, path: string, accept: string, underMj: boolean): Reply {
  switch (ctx.dialect) {
    case 'novicezk':
      // Inside the /mj context Spring answers (JSON, or its Whitelabel page for browsers);
      // outside it Tomcat's own 404 page.
      if (!underMj) return htmlReply(404, TOMCAT_404_HTML);
      if (accept.includes('text/html')) {
        return htmlReply(
          404,
          '<html><body><h1>Whitelabel Error Page</h1><p>This application has no explicit mapping for /error, so you are seeing ' +
            `this as a fallback.</p><div id='created'>${new Date(ctx.now()).toUTCString()}</div>` +
            '<div>There was an unexpected error (type=Not Found, status=404).</div></body></html>',
        );
      }
      return springError(ctx, 404, 'Not Found', path);
    case 'trueai':
      return emptyReply(404);
    case 'newapi':
      // gin's NoRoute: API-looking paths get a JSON 404, everything else the web UI.
      if (/^\/(v1|api)(\/|$)/.test(path)) {
        return jsonReply(ctx.dialect, 404, {
          error: { message: `Invalid URL (${method} ${path})`, type: 'invalid_request_error', param: '', code: '' },
        });
      }
      return htmlReply(200, NEWAPI_SPA_HTML);
  }
}

export function unauthorizedReply(ctx: SimContext, requestId: string): Reply {
  switch (ctx.dialect) {
    case 'novicezk':
      return emptyReply(401);
    case 'trueai':
      return bodyReply(401, 'Authorization header missing.', 'text/plain; charset=utf-8');
    case 'newapi':
      return jsonReply(ctx.dialect, 401, { error: { message: `无效的令牌 (request id: ${requestId})`, type: 'new_api_error' } });
  }
}

/** The body a JSON endpoint answers to a request body it cannot parse. */
export function badRequestBodyReply(ctx: SimContext, path: string): Reply {
  switch (ctx.dialect) {
    case 'novicezk':
      return springError(ctx, 400, 'Bad Request', path);
    case 'trueai':
      return jsonReply(ctx.dialect, 400, {
        type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
        title: 'One or more validation errors occurred.',
        status: 400,
        errors: { $: ['The JSON value could not be converted.'] },
      });
    case 'newapi':
      return jsonReply(ctx.dialect, 400, { code: 4, description: 'bind_request_body_failed ', type: 'upstream_error' });
  }
}

export function rateLimitedReply(ctx: SimContext, retryAfterSec: number | undefined): Reply {
  const extra: Record<string, string> = retryAfterSec === undefined ? {} : { 'Retry-After': String(retryAfterSec) };
  if (ctx.dialect === 'newapi') {
    return jsonReply(
      ctx.dialect,
      429,
      { code: 30, description: '排队中 当前分组负载已饱和，请稍后再试，或升级账户以提升服务质量。', type: 'upstream_error' },
      extra,
    );
  }
  // trueai's RateLimitingMiddleware answers with no body; novicezk has no limiter, a front proxy does the same.
  return emptyReply(429, extra);
}

export function serverErrorReply(ctx: SimContext, status: number, path: string): Reply {
  // 502–504 come from the reverse proxy in front, whatever the server behind it speaks.
  if (status >= 502 && status <= 504) return htmlReply(status, nginxErrorHtml(status));
  switch (ctx.dialect) {
    case 'novicezk':
      return springError(ctx, status, 'Internal Server Error', path);
    case 'trueai':
      return jsonReply(ctx.dialect, status, { success: false, code: -1, message: '操作失败', timestamp: String(ctx.now() * 10_000) });
    case 'newapi':
      return jsonReply(ctx.dialect, status, { error: { message: 'upstream error: do request failed', type: 'new_api_error', param: '', code: 'do_request_failed' } });
  }
}

/** A 200 HTML page where JSON was expected (a web UI, a captive portal, a parked domain). */
export function strayHtmlReply(ctx: SimContext): Reply {
  return htmlReply(200, ctx.dialect === 'newapi' ? NEWAPI_SPA_HTML : NGINX_WELCOME_HTML);
}
