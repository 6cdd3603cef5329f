/** The widget's styles, inside its shadow root: the host page's CSS does not reach in, and ours does not leak out. */
export const css = `
:host{all:initial}
*{box-sizing:border-box}
.root{--brand:#1f5a3c;--brand-dark:#163f2a;--ink:#17231c;--muted:#4d5b52;--line:#d9dfd6;--focus:#e8912d;
position:fixed;right:20px;bottom:20px;z-index:2147483000;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);text-align:left}
.sr{position:absolute;width:1px;height:1px;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0;padding:0}
button,input,textarea{font:inherit;color:inherit}
button{cursor:pointer}
:focus{outline:none}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
[aria-disabled=true]{opacity:.6;cursor:progress}
.launcher{position:relative;width:60px;height:60px;border-radius:50%;border:0;background:var(--brand);color:#fff;display:grid;place-items:center;box-shadow:0 6px 20px rgba(0,0,0,.28)}
.launcher:hover{background:var(--brand-dark)}
.badge{position:absolute;top:-3px;right:-3px;min-width:22px;height:22px;padding:0 6px;border-radius:11px;background:#b3261e;color:#fff;font-size:12px;font-weight:700;display:grid;place-items:center}
.panel{position:fixed;right:20px;bottom:20px;width:380px;height:min(640px,calc(100vh - 40px));display:flex;flex-direction:column;background:#fff;border-radius:14px;box-shadow:0 14px 44px rgba(0,0,0,.3);overflow:hidden}
@media (prefers-reduced-motion:no-preference){.panel{animation:baton-in .16s ease-out}}
@keyframes baton-in{from{opacity:0;transform:translateY(12px)}}
.head{display:flex;align-items:center;gap:8px;padding:12px 10px 12px 16px;background:var(--brand);color:#fff}
.head :focus-visible{outline-color:#ffd28a}
.who{flex:1;min-width:0}
.title{margin:0;font-size:16px;font-weight:650;line-height:1.3}
.status{margin:2px 0 0;font-size:13px;opacity:.95;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.conn{font-size:12px;white-space:nowrap}
.conn[data-state=open]::before{content:"";display:inline-block;width:8px;height:8px;border-radius:50%;background:#7ee2a8}
.close{width:36px;height:36px;border:0;border-radius:8px;background:transparent;color:#fff;display:grid;place-items:center}
.close:hover{background:rgba(255,255,255,.15)}
.queue{padding:10px 16px;background:#fff4dc;border-bottom:1px solid #efdcaf;font-size:14px;font-weight:600}
.hours{padding:10px 16px;background:#fbf8f1;border-bottom:1px solid var(--line);font-size:14px}
.hours-text{margin:0 0 8px}
.follow{display:flex;flex-wrap:wrap;gap:6px}
.follow input{flex:1;min-width:0;padding:7px 10px;border:1px solid #9aa79e;border-radius:8px;background:#fff}
.log{flex:1;overflow-y:auto;padding:14px;display:flex;flex-direction:column;gap:10px;background:#f4f6f2}
.hello{margin:auto 0 0;color:var(--muted);font-size:14px}
.msg{max-width:85%;padding:8px 12px;border-radius:12px;background:#fff;border:1px solid var(--line);align-self:flex-start}
.msg.customer{align-self:flex-end;background:var(--brand);border-color:var(--brand);color:#fff}
.msg.agent{border-left:4px solid #2f6db5}
.msg.system{align-self:center;max-width:95%;background:#e9eee5;border-style:dashed;font-size:14px}
.msg.pending{opacity:.75}
.author{display:block;font-size:12px;font-weight:650;opacity:.85}
.text{margin:2px 0;white-space:pre-wrap;overflow-wrap:anywhere}
.meta{display:block;font-size:11px;opacity:.8}
.failed{opacity:1;font-weight:600}
.link{border:0;background:none;padding:0;color:inherit;text-decoration:underline;font-weight:700}
.typing{margin:0;padding:4px 16px;font-size:13px;font-style:italic;color:var(--muted);background:#f4f6f2}
.csat{padding:10px 16px;border-top:1px solid var(--line);text-align:center;font-weight:600}
.csat-q{margin:0 0 4px}
.stars{display:inline-flex}
.stars button{border:0;background:none;font-size:28px;line-height:1;padding:2px 4px;color:#8f978b}
.stars:hover button,.stars:has(:focus-visible) button{color:#c98a00}
.stars button:hover~button,.stars button:focus-visible~button{color:#8f978b}
.notice,.error{margin:0;padding:8px 16px;color:#8c1d18;font-size:14px}
.error{padding:4px 0 0;flex-basis:100%}
.ok{margin:0;color:var(--brand);font-weight:600}
.talkbar{display:flex;align-items:center;gap:8px;padding:8px 12px 0 16px;border-top:1px solid var(--line)}
.talk-hint{flex:1;font-size:13px;color:var(--muted)}
.talk,.secondary{padding:7px 12px;border-radius:999px;border:2px solid var(--brand);background:#fff;color:var(--brand);font-weight:650}
.talk:hover,.secondary:hover{background:#eaf3ed}
.compose{display:flex;align-items:flex-end;gap:8px;padding:10px 12px 12px}
textarea{flex:1;resize:none;min-height:42px;max-height:140px;field-sizing:content;padding:9px 11px;border:1px solid #9aa79e;border-radius:10px;background:#fff}
.send{height:42px;padding:0 16px;border:0;border-radius:10px;background:var(--brand);color:#fff;font-weight:650}
.send:hover{background:var(--brand-dark)}
@media (max-width:480px){
.root{right:14px;bottom:14px}
.panel{inset:0;width:100%;height:100%;border-radius:0}
.msg{max-width:92%}
}
`;
