namespace Greenlight.Reports.Html;

/// <summary>
/// The page's inline style and its few lines of script. Colours meet WCAG AA (4.5:1) against
/// their background in both schemes; outcomes also carry a symbol and a word.
/// </summary>
internal static class HtmlAssets
{
    // Nothing leaves the page: no fetch, no font, no image from anywhere.
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

    public const string Style = """
        :root{color-scheme:light dark;--bg:#fff;--fg:#1b1f24;--muted:#4a5360;--panel:#f4f6f8;--border:#b9c0c9;--link:#0b57a4;
        --pass:#0a6b32;--fail:#b42318;--error:#8e2a8a;--warn:#7a4b00;--skipped:#4a5360;--pending:#4a5360;--waived:#1f5f8b;
        --go-bg:#e3f4e8;--go-fg:#0a4f25;--nogo-bg:#fde7e5;--nogo-fg:#8a1a10;--warnings-bg:#fff3d1;--warnings-fg:#5c3900;--hold-bg:#ffe8d4;--hold-fg:#6e2f00}
        @media (prefers-color-scheme:dark){:root{--bg:#15181d;--fg:#e6e9ed;--muted:#aab3bd;--panel:#1e232a;--border:#4a525c;--link:#8ab8f0;
        --pass:#5fd08a;--fail:#ff8f85;--error:#eaa0e6;--warn:#f0c24f;--skipped:#aab3bd;--pending:#aab3bd;--waived:#8cc4f0;
        --go-bg:#0f3320;--go-fg:#c6f1d5;--nogo-bg:#3d1512;--nogo-fg:#ffd3ce;--warnings-bg:#3a2c05;--warnings-fg:#ffe6a3;--hold-bg:#3b220c;--hold-fg:#ffd6b3}}
        *{box-sizing:border-box}
        [hidden]{display:none!important}
        body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif}
        a{color:var(--link)}
        code,pre,kbd{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:.92em}
        .skip{position:absolute;left:-999px;top:0}.skip:focus{left:.5rem;top:.5rem;background:var(--bg);padding:.3rem .6rem;z-index:2}
        .wrap{max-width:76rem;margin:0 auto;padding:0 1.2rem 3rem}
        .verdict{padding:1.4rem 1.2rem 1.1rem}
        .verdict .wrap{padding-bottom:0}
        .v-go{background:var(--go-bg);color:var(--go-fg)}.v-nogo{background:var(--nogo-bg);color:var(--nogo-fg)}
        .v-warnings{background:var(--warnings-bg);color:var(--warnings-fg)}.v-hold{background:var(--hold-bg);color:var(--hold-fg)}
        .eyebrow{margin:0;font-size:.95rem;font-weight:600}
        .back{margin:0 0 .4rem;font-size:.9rem}.back a{color:inherit}
        h1{font-size:2.6rem;line-height:1.1;margin:.2rem 0 .6rem}
        .reasons{margin:.2rem 0 .8rem;padding-left:1.2rem;font-size:1.05rem}
        .facts{display:flex;flex-wrap:wrap;gap:.3rem 1.4rem;margin:.4rem 0}.facts div{display:flex;gap:.4rem}.facts dt{font-weight:600}.facts dd{margin:0}
        .counts{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;padding:0;margin:.6rem 0 0}
        .counts li{background:var(--bg);color:var(--fg);border:1px solid var(--border);border-radius:.4rem;padding:.15rem .6rem}
        h2{font-size:1.35rem;margin:1.8rem 0 .6rem;border-bottom:1px solid var(--border);padding-bottom:.2rem}
        h3{font-size:1.1rem;margin:1.2rem 0 .4rem}h4{font-size:.95rem;margin:.8rem 0 .3rem;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
        .badge{display:inline-block;min-width:6.2rem;font-weight:700;font-size:.85rem;border:1px solid currentColor;border-radius:.3rem;padding:0 .35rem;margin-right:.4rem;text-align:left;background:var(--bg)}
        .o-pass{color:var(--pass)}.o-fail{color:var(--fail)}.o-error{color:var(--error)}.o-warn{color:var(--warn)}
        .o-skipped{color:var(--skipped)}.o-pending{color:var(--pending)}.o-waived{color:var(--waived)}
        .failure{border:1px solid var(--border);border-left:.35rem solid var(--fail);border-radius:.4rem;padding:.6rem .9rem;margin:.8rem 0;background:var(--panel)}
        .failure.k-error{border-left-color:var(--error)}
        .failure h3{margin:.1rem 0 .3rem}
        .meta{color:var(--muted);margin:.1rem 0 .4rem}
        .message{margin:.3rem 0;white-space:pre-wrap}
        .fix{margin:.4rem 0;padding:.35rem .6rem;border-left:.25rem solid var(--link);background:var(--bg)}
        table{border-collapse:collapse;margin:.4rem 0;max-width:100%}
        th,td{border:1px solid var(--border);padding:.2rem .5rem;text-align:left;vertical-align:top}
        th{background:var(--panel)}
        td.v{font-family:ui-monospace,"DejaVu Sans Mono",monospace;white-space:pre-wrap;word-break:break-word}
        caption{text-align:left;font-weight:600;padding:.2rem 0}
        details.check{border-top:1px solid var(--border);padding:.25rem 0}
        details.check>summary{cursor:pointer;padding:.2rem 0;list-style-position:outside}
        details.check>summary .t{color:var(--fg)}
        .dur{color:var(--muted);margin-left:.4rem}
        .body{padding:.2rem 0 .6rem 1.4rem}
        details.evidence{margin:.35rem 0;border:1px solid var(--border);border-radius:.3rem;background:var(--panel)}
        details.evidence>summary{cursor:pointer;padding:.2rem .5rem;font-weight:600}
        pre{margin:0;padding:.5rem .6rem;white-space:pre-wrap;word-break:break-word;max-height:32rem;overflow:auto;background:var(--bg);border-top:1px solid var(--border)}
        .cut{color:var(--muted);font-weight:400}
        summary:focus-visible,a:focus-visible,input:focus-visible,pre:focus-visible{outline:3px solid var(--link);outline-offset:2px}
        .tools{display:flex;flex-wrap:wrap;gap:.4rem 1rem;align-items:center;margin:.4rem 0 .8rem;padding:.5rem .7rem;border:1px solid var(--border);border-radius:.4rem;background:var(--panel)}
        .tools fieldset{border:0;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.2rem .8rem}.tools legend{font-weight:600;float:left;margin-right:.6rem}
        .tools input[type=search]{font:inherit;padding:.15rem .4rem;color:var(--fg);background:var(--bg);border:1px solid var(--border);border-radius:.3rem}
        .none{color:var(--muted)}
        .cmp ul{margin:.2rem 0 .6rem;padding-left:1.2rem}
        .chart{max-width:100%;height:auto;display:block;margin:.3rem 0}
        .chart-frame{fill:none;stroke:var(--border)}.chart-line{fill:none;stroke:var(--link);stroke-width:1.5}
        .chart-limit{stroke:var(--warn);stroke-width:1.2;stroke-dasharray:5 4}
        .pt-pass{fill:var(--pass)}.pt-fail{stroke:var(--fail);stroke-width:2;fill:none}.pt-other{fill:var(--error)}
        .chart-text,.chart-none{color:var(--muted);margin:.2rem 0}
        footer{color:var(--muted);margin-top:2rem;font-size:.85rem}
        @media print{
        :root{--bg:#fff;--fg:#000;--muted:#333;--panel:#fff;--border:#999;--link:#000;--pass:#0a5a2a;--fail:#8a1a10;--error:#6e1f6b;--warn:#5c3900;--waived:#123f5e;
        --go-bg:#fff;--go-fg:#000;--nogo-bg:#fff;--nogo-fg:#000;--warnings-bg:#fff;--warnings-fg:#000;--hold-bg:#fff;--hold-fg:#000}
        body{font-size:11pt}.tools,.skip,.noprint{display:none!important}
        .verdict{border-bottom:3px solid #000;padding:.4rem 0}
        details::details-content{content-visibility:visible;display:block}
        details>summary{list-style:none}
        pre{max-height:none;overflow:visible}
        .failure,details.evidence,table{break-inside:avoid}
        h2,h3{break-after:avoid}
        a{text-decoration:none}
        }
        """;

    // Enhancement only: without it every check is listed and every <details> opens on a click.
    public const string Script = """
        (function(){var t=document.getElementById('tools');if(!t)return;t.hidden=false;var q=document.getElementById('search'),n=document.getElementById('shown');
        function apply(){var on={},s=q.value.trim().toLowerCase(),c=0;t.querySelectorAll('input[type=checkbox]').forEach(function(b){on[b.value]=b.checked});
        document.querySelectorAll('#checks details.check').forEach(function(d){var ok=on[d.dataset.outcome]&&(!s||d.dataset.search.indexOf(s)>=0);d.hidden=!ok;if(ok)c++});
        document.querySelectorAll('#checks .group').forEach(function(g){g.hidden=!g.querySelector('details.check:not([hidden])')});n.textContent=c+' shown';}
        t.addEventListener('input',apply);window.addEventListener('beforeprint',function(){document.querySelectorAll('details').forEach(function(d){d.open=true})});apply();})();
        """;
}
