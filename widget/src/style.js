// Styles, prefixed "plw-" so they do not touch the host page. Colours meet WCAG AA
// contrast (text >= 4.5:1, focus ring and borders >= 3:1) on their backgrounds.
export const CSS = `
.plw{font-family:system-ui,Arial,sans-serif;font-size:1rem;line-height:1.5;color:#1a1a1a;background:#fff;
 border:1px solid #6b6b6b;border-radius:6px;padding:.75rem;max-width:40rem;box-sizing:border-box}
.plw,.plw-msg{position:relative}
.plw *{box-sizing:border-box}
.plw-head{display:flex;align-items:center;justify-content:space-between;gap:.5rem;flex-wrap:wrap}
.plw h2{font-size:1.15rem;margin:0;color:#1a1a1a}
.plw-intro{margin:.5rem 0;color:#333}
.plw-log{height:26rem;overflow-y:auto;border:1px solid #6b6b6b;border-radius:4px;padding:.5rem;background:#fff}
.plw-msg{margin:.4rem 0;padding:.5rem .7rem;border-radius:6px;max-width:90%;overflow-wrap:anywhere}
.plw-msg p{margin:0;white-space:pre-wrap}
.plw-bot{background:#f2f2f2;color:#1a1a1a}
.plw-user{background:#fbeaea;color:#1a1a1a;margin-left:auto}
.plw a{color:#0b4f9c;text-decoration:underline}
.plw-choices{display:flex;flex-wrap:wrap;gap:.4rem;margin-top:.5rem}
.plw button{font:inherit;cursor:pointer;border-radius:4px;padding:.45rem .8rem;min-height:44px;margin:0}
.plw-choice{background:#fff;color:#8a0000;border:2px solid #8a0000}
.plw-choice:disabled{cursor:default;color:#595959;border-color:#767676;background:#f7f7f7}
.plw-send,.plw-launcher{background:#b30000;color:#fff;border:2px solid #b30000}
.plw-restart,.plw-close{background:#fff;color:#1a1a1a;border:2px solid #1a1a1a}
.plw-typing{margin:.4rem 0 0;font-style:italic;color:#333}
.plw-typing:empty{display:none}
.plw-status{margin:.4rem 0 0;color:#8a0000;min-height:1.5em}
.plw-status:empty{min-height:0}
.plw-form label{display:block;font-weight:600;margin:.5rem 0 .2rem}
.plw-row{display:flex;gap:.5rem}
.plw-input{flex:1;font:inherit;padding:.5rem;border:2px solid #6b6b6b;border-radius:4px;min-width:0}
.plw :focus-visible,.plw-launcher:focus-visible,.plw-input:focus{outline:3px solid #1a1a1a;outline-offset:2px;
 box-shadow:0 0 0 6px #ffdd00}
.plw-log:focus-visible{outline-offset:-3px}
.plw-sr{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);
 white-space:nowrap;border:0}
.plw-floating{position:fixed;right:1rem;bottom:4.5rem;width:min(26rem,calc(100vw - 2rem));z-index:2147483000;
 box-shadow:0 4px 16px rgba(0,0,0,.25)}
.plw-floating .plw-log{height:min(22rem,50vh)}
.plw-launcher{position:fixed;margin:0;min-height:44px;right:1rem;bottom:1rem;z-index:2147483000;font:inherit;font-family:system-ui,Arial,sans-serif;
 border-radius:4px;padding:.6rem 1rem;cursor:pointer}
@media (prefers-reduced-motion:no-preference){.plw-log{scroll-behavior:smooth}}
`;
