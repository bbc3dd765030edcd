/**
 * The console's one HTML page: the frame the script (`console.js`) fills. No data is in it. Its
 * script, like the script's requests, is named relative to the page, so behind a gateway that puts
 * the mock under a prefix (`/api/__mock/`) it asks that prefix, not the gateway's root.
 */
export const CONSOLE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>paycheck mock console</title>
<link rel="icon" href="data:,">
<style>
  :root { color-scheme: light; font-family: system-ui, sans-serif; font-size: 14px; }
  body { margin: 0 auto; max-width: 1200px; padding: 0 16px 48px; }
  header { display: flex; gap: 16px; align-items: baseline; flex-wrap: wrap; }
  h1 { font-size: 20px; } h2 { font-size: 16px; margin-top: 28px; border-bottom: 1px solid #ccc; } h3 { font-size: 14px; margin: 8px 0; }
  nav a { margin-right: 12px; }
  table { border-collapse: collapse; width: 100%; margin: 6px 0; }
  th, td { border: 1px solid #ddd; padding: 3px 6px; text-align: left; vertical-align: top; }
  th { background: #f4f4f4; font-weight: 600; }
  code, textarea, .signed { font-family: ui-monospace, monospace; font-size: 12px; }
  code, td, p, li { overflow-wrap: anywhere; }
  .signed { display: block; white-space: pre-wrap; background: #f7f7f7; padding: 4px 6px; }
  .order { border: 1px solid #ccc; border-radius: 4px; padding: 4px 10px; margin: 10px 0; }
  .meta { color: #666; font-weight: normal; }
  .audit.ok, .ok { color: #176f2c; } .findings, .bad, .error { color: #a11; }
  .diagnosis { background: #fff6e5; border-left: 3px solid #d98b00; padding: 4px 8px; }
  .mistake { margin: 4px 0; } .fix { color: #444; }
  .empty { color: #666; font-style: italic; }
  textarea { width: 100%; height: 140px; box-sizing: border-box; }
  .kv th { width: 140px; }
  label { margin-right: 12px; }
</style>
</head>
<body>
<header>
  <h1>paycheck mock console</h1>
  <span id="connection">connecting…</span>
  <label><input type="checkbox" id="live-toggle" checked> live</label>
</header>
<nav><a href="#journal-section">journal</a><a href="#signatures-section">signatures</a><a href="#scenarios-section">scenarios and faults</a><a href="#playground-section">signing playground</a></nav>
<p>Secrets are never shown and pay codes are masked, as on the command line. This page and the mock answer on loopback only.</p>
<div id="status"></div>
<h2 id="journal-section">Journal: orders, their calls and the audit</h2>
<label>order_id contains <input id="order-filter" placeholder="filter by order_id" autocomplete="off"></label>
<div id="journal"></div>
<h2 id="signatures-section">Signature diagnosis: calls refused for their sign</h2>
<div id="signatures"></div>
<h2 id="scenarios-section">Scenarios and faults</h2>
<div id="scenarios"></div>
<h2 id="playground-section">Signing playground</h2>
<p>Computed in this page by paycheck's own signer (the code <code>paycheck explain</code> runs); nothing you type here is sent anywhere.</p>
<form id="playground" autocomplete="off">
<textarea id="playground-request" spellcheck="false">{"app_id":"paycheck-demo-app","sign_type":"MD5","order_id":"2017102100151091","pay_code":"284637162531748290","total_amount":"11.00","store_info":{"store_id":"S01","cashier_id":"C07"},"goods_list":[{"barcode":"6901234567892","title":"可口可乐300ml","num":2,"price":3.00}]}</textarea>
<p>
  <label>secret <input type="password" id="playground-secret" autocomplete="off" placeholder="paycheck-demo-secret"></label>
  <label>encoding <select id="playground-encoding"><option value="base64">base64</option><option value="hex">hex</option></select></label>
</p>
</form>
<div id="playground-result"></div>
<script type="module" src="console.js"></script>
</body>
</html>
`;
