using System.Globalization;
using System.Net;
using Greenlight.Engine;

namespace Greenlight.Dashboard;

/// <summary>
/// A shields-style verdict badge for a README: "greenlight | GO". The text says the verdict, so it
/// reads without colour; the colours are dark enough for white text at WCAG AA.
/// </summary>
internal static class Badge
{
    public static string Svg(string label, VerdictMark? last)
    {
        var (text, colour) = last?.Verdict switch
        {
            Verdict.Go => ("GO", "#1a7f37"),
            Verdict.GoWithWarnings => ("GO WITH WARNINGS", "#8a5300"),
            Verdict.NoGo => ("NO-GO", "#b42318"),
            Verdict.Hold => ("HOLD", "#5b3fb0"),
            _ => ("no runs", "#57606a"),
        };

        // Widths from a fixed 7 px per character of an 11 px sans font: stable across renderers, and tested.
        var left = (label.Length * 7) + 12;
        var right = (text.Length * 7) + 12;
        var width = left + right;
        string Esc(string s) => WebUtility.HtmlEncode(s);
        string N(int n) => n.ToString(CultureInfo.InvariantCulture);
        return $"""
            <svg xmlns="http://www.w3.org/2000/svg" width="{N(width)}" height="20" role="img" aria-label="{Esc(label)}: {Esc(text)}">
            <title>{Esc(label)}: {Esc(text)}</title>
            <rect width="{N(left)}" height="20" fill="#24292f"/>
            <rect x="{N(left)}" width="{N(right)}" height="20" fill="{colour}"/>
            <g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11" text-anchor="middle">
            <text x="{N(left / 2)}" y="14">{Esc(label)}</text>
            <text x="{N(left + (right / 2))}" y="14">{Esc(text)}</text>
            </g>
            </svg>

            """;
    }
}
