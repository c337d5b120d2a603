using System.Text;

namespace Greenlight.Tests.Spec;

/// <summary>The large, realistic spec both the 200 KB test and bench/spec-load use (the bench writes the same shape in Python).</summary>
internal static class SpecLoadBench
{
    public static string Generate(int bytes)
    {
        var yaml = new StringBuilder("version: 1\nname: large\nvars:\n  api: ${API_BASE:-http://127.0.0.1:8000}\nchecks:\n");
        for (var i = 0; yaml.Length < bytes; i++)
        {
            yaml.Append($$"""
                  - id: env.c{{i}}
                    kind: env
                    require: [PATH]
                    match: { PATH: '^/' }
                  - id: api.c{{i}}
                    kind: http
                    phase: post
                    needs: [env.c{{i}}]
                    request: GET ${api}/health/{{i}}
                    retry: { attempts: 3, delay: 1s }
                    expect:
                      - status == 200
                      - json.$.items[0].name matches /^item-[0-9]+$/
                      - { that: "duration < 500ms", fix: "Look at the slow query log." }

                """);
        }

        return yaml.ToString();
    }
}
