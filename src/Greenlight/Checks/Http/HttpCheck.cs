using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using Greenlight.Assertions;
using Greenlight.Spec;
using Newtonsoft.Json.Linq;

namespace Greenlight.Checks.Http;

internal sealed class HttpCheck(HttpRequestTemplate template, bool followRedirects, bool verifyTls, int samples, long maxBody, Fingerprint? fingerprint = null) : ICheck
{
    /// <summary>Headers whose values are credentials whatever they contain.</summary>
    private static readonly HashSet<string> SensitiveHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie", "X-Api-Key", "Api-Key", "X-Auth-Token",
    };

    public async Task<Observation> ObserveAsync(CheckRunContext context, CancellationToken cancellationToken)
    {
        var url = context.Expand(template.Url);
        var headers = template.Headers.Select(h => (h.Name, Value: context.Expand(h.Value))).ToList();
        var body = template.Body is not null ? context.Expand(template.Body)
            : template.Json is not null ? ExpandJson(template.Json, context).ToString(Newtonsoft.Json.Formatting.None)
            : null;
        var requestEvidence = new EvidenceItem("request", DescribeRequest(template.Method, url, headers, body));

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return Observation.Failed($"`{url}` is not an absolute http:// or https:// URL", requestEvidence);
        }

        var client = context.Http.Get(followRedirects, verifyTls);
        var durations = new List<AssertionValue>(samples);
        HttpSample? last = null;
        for (var i = 0; i < samples; i++)
        {
            using var request = BuildRequest(uri, headers, body);
            var began = context.Time.GetTimestamp();
            try
            {
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                var (text, truncated) = await ReadBodyAsync(response, maxBody, cancellationToken);
                var elapsed = context.Time.GetElapsedTime(began);
                durations.Add(AssertionValue.FromDuration(elapsed));
                last = new HttpSample(response, text, truncated, elapsed);
            }
            catch (HttpRequestException ex)
            {
                return Observation.Failed(Describe(ex, uri), requestEvidence);
            }
        }

        var subjects = new HttpSubjects(last!, durations);
        var observation = new Observation { Subjects = subjects };
        observation.Evidence.Add(requestEvidence);
        observation.Evidence.Add(last!.ToEvidence(samples, durations));
        if (fingerprint is not null)
        {
            await AddFingerprintFindingsAsync(observation, subjects, last!.Body, context, cancellationToken);
        }

        return observation;
    }

    private async Task AddFingerprintFindingsAsync(Observation observation, HttpSubjects subjects, string body, CheckRunContext context, CancellationToken cancellationToken)
    {
        if (fingerprint!.Contains is { } template)
        {
            var marker = context.Expand(template);
            observation.Findings.Add(new AssertionResult($"the body shows the app's marker \"{marker}\"", body.Contains(marker, StringComparison.Ordinal),
                Snippet(body), marker, body.Contains(marker, StringComparison.Ordinal) ? null : $"this is not the app: its marker \"{marker}\" is not in the body ({Snippet(body)})"));
        }

        foreach (var pattern in fingerprint.NotMatches)
        {
            var match = pattern.Match(body);
            if (match.Success)
            {
                observation.Findings.Add(new AssertionResult($"the body is not a placeholder page /{pattern}/", false, Snippet(body), $"not /{pattern}/",
                    $"a placeholder is answering, not the app: the body says \"{match.Value}\""));
            }
        }

        if (fingerprint.Version is { } subject)
        {
            var reported = AssertionEvaluator.ResolveSubject(subject, subjects);
            var expected = fingerprint.Commit is { } given ? context.Expand(given) : await GitHeadAsync(context.SpecDirectory, context.Time, cancellationToken);
            if (expected is null)
            {
                observation.Findings.Add(new AssertionResult($"the deployed version ({subject.Text}) is the commit being verified", false, reported.ToDisplay(), "a commit",
                    "no commit to compare with: the spec is not in a git work tree; set fingerprint.commit"));
                return;
            }

            var version = reported.Kind == ValueKind.Missing ? null : reported.AsText().Trim();
            var same = version is { Length: >= 7 } && (expected.StartsWith(version, StringComparison.OrdinalIgnoreCase) || version.StartsWith(expected, StringComparison.OrdinalIgnoreCase));
            observation.Findings.Add(new AssertionResult($"the deployed version ({subject.Text}) is the commit being verified", same, reported.ToDisplay(), expected,
                same ? null : version is null ? $"the app reports no version ({reported.ToDisplay()}); the commit being verified is {Short(expected)}"
                    : $"deployed version {Short(version)} is not the commit being verified {Short(expected)}"));
        }
    }

    private static string Short(string sha) => sha.Length > 12 && sha.All(char.IsAsciiHexDigit) ? sha[..7] : sha;

    private static string Snippet(string body)
    {
        var line = body.ReplaceLineEndings(" ").Trim();
        return line.Length > 80 ? line[..79] + "…" : line;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Task<string?>> GitHeads = new(StringComparer.Ordinal);

    private static Task<string?> GitHeadAsync(string directory, TimeProvider time, CancellationToken cancellationToken) =>
        GitHeads.GetOrAdd(directory, async d =>
        {
            var provenance = await Engine.RunProvenance.DetectAsync(d, time, cancellationToken);
            return provenance.GitCommit;
        });

    private HttpRequestMessage BuildRequest(Uri uri, List<(string Name, string Value)> headers, string? body)
    {
        var request = new HttpRequestMessage(new HttpMethod(template.Method), uri);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, template.Json is not null ? "application/json" : "text/plain");
        }

        foreach (var (name, value) in headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content ??= new ByteArrayContent([]);
                request.Content.Headers.Remove(name);
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return request;
    }

    private static async Task<(string Text, bool Truncated)> ReadBodyAsync(HttpResponseMessage response, long limit, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var kept = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int n;
        while ((n = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            var room = limit - kept.Length;
            kept.Write(buffer, 0, (int)Math.Min(room, n));
            if (n > room)
            {
                // Stop downloading: a 50 MB answer must not cost 50 MB.
                return (Decode(response, kept), true);
            }
        }

        return (Decode(response, kept), false);
    }

    private static string Decode(HttpResponseMessage response, MemoryStream bytes)
    {
        var encoding = Encoding.UTF8;
        var charset = response.Content.Headers.ContentType?.CharSet?.Trim('"');
        if (!string.IsNullOrEmpty(charset))
        {
            try
            {
                encoding = Encoding.GetEncoding(charset);
            }
            catch (ArgumentException)
            {
                // Unknown charset: UTF-8 is the best guess.
            }
        }

        return encoding.GetString(bytes.GetBuffer(), 0, (int)bytes.Length);
    }

    private static JToken ExpandJson(JToken token, CheckRunContext context) => token switch
    {
        JObject obj => new JObject(obj.Properties().Select(p => new JProperty(p.Name, ExpandJson(p.Value, context)))),
        JArray array => new JArray(array.Select(t => ExpandJson(t, context))),
        JValue { Type: JTokenType.String } value => new JValue(context.Expand((string)value.Value!)),
        _ => token.DeepClone(),
    };

    private static string DescribeRequest(string method, string url, List<(string Name, string Value)> headers, string? body)
    {
        var sb = new StringBuilder($"{method} {url}\n");
        foreach (var (name, value) in headers)
        {
            sb.Append(name).Append(": ").Append(IsSensitive(name) ? "***" : value).Append('\n');
        }

        if (body is not null)
        {
            sb.Append('\n').Append(body.Length > EvidenceItem.DefaultLimit ? body[..EvidenceItem.DefaultLimit] + "…" : body);
        }

        return sb.ToString().TrimEnd();
    }

    /// <summary>Credentials by header name: Authorization, cookies, and any name that looks secret (X-Session-Token).</summary>
    private static bool IsSensitive(string headerName) => SensitiveHeaders.Contains(headerName) || Greenlight.Secrets.SecretNames.LooksSecret(headerName);

    internal static string Describe(HttpRequestException ex, Uri uri)
    {
        var endpoint = $"{uri.Host}:{uri.Port}";
        var socket = ex.InnerException as SocketException ?? ex.InnerException?.InnerException as SocketException;
        if (socket is not null)
        {
            return socket.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => $"connection refused by {endpoint}: nothing is listening there",
                SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => $"host `{uri.Host}` does not resolve (DNS)",
                SocketError.TimedOut => $"connecting to {endpoint} timed out",
                SocketError.NetworkUnreachable or SocketError.HostUnreachable => $"{endpoint} is unreachable",
                SocketError.ConnectionReset => $"{endpoint} reset the connection",
                _ => $"cannot reach {endpoint}: {socket.Message}",
            };
        }

        if (ex.InnerException is AuthenticationException auth)
        {
            return $"TLS handshake with {endpoint} failed: {auth.Message} (set tls_verify: false to accept any certificate)";
        }

        if (ex.InnerException is IOException io)
        {
            return $"{endpoint} closed the connection: {io.Message}";
        }

        return $"request to {endpoint} failed: {ex.Message}";
    }

    private sealed class HttpSample(HttpResponseMessage response, string body, bool truncated, TimeSpan duration)
    {
        public int Status { get; } = (int)response.StatusCode;
        public string Reason { get; } = response.ReasonPhrase ?? response.StatusCode.ToString();
        public Version Version { get; } = response.Version;
        public string Body { get; } = body;
        public bool Truncated { get; } = truncated;
        public TimeSpan Duration { get; } = duration;
        public string FinalUrl { get; } = response.RequestMessage?.RequestUri?.ToString() ?? "";

        public ResponseBody Response { get; } = new(body,
            [.. response.Headers.Concat(response.Content.Headers).Select(h => new KeyValuePair<string, string>(h.Key, string.Join(", ", h.Value)))], truncated);

        public IReadOnlyList<KeyValuePair<string, string>> Headers => Response.Headers;

        public EvidenceItem ToEvidence(int samples, List<AssertionValue> durations)
        {
            var sb = new StringBuilder($"HTTP/{Version} {Status} {Reason} ({Units.FormatDuration(Duration.TotalMilliseconds)}");
            if (samples > 1)
            {
                var sorted = durations.Select(d => d.Number).Order().ToArray();
                sb.Append($"; {samples} samples, p50 {Units.FormatDuration(AssertionEvaluator.Percentile(sorted, 50))}, p95 {Units.FormatDuration(AssertionEvaluator.Percentile(sorted, 95))}, max {Units.FormatDuration(sorted[^1])}");
            }

            if (Truncated)
            {
                // Said up front: the evidence itself may be cut again, at the run's evidence limit.
                sb.Append("; body cut at max_body, the rest was not downloaded");
            }

            sb.Append(")\n");
            foreach (var (name, value) in Headers)
            {
                sb.Append(name).Append(": ").Append(IsSensitive(name) ? "***" : value).Append('\n');
            }

            var shown = Body.Length > EvidenceItem.DefaultLimit ? Body[..EvidenceItem.DefaultLimit] : Body;
            sb.Append('\n').Append(shown);
            long? full = Truncated || Body.Length > shown.Length ? Body.Length : null;

            return new EvidenceItem("response", sb.ToString().TrimEnd(), full);
        }
    }

    private sealed class HttpSubjects(HttpSample last, IReadOnlyList<AssertionValue> durations) : ISubjectSource
    {
        public AssertionValue Resolve(SubjectRef subject) => subject.Root switch
        {
            "status" => AssertionValue.FromNumber(last.Status),
            "header" => last.Response.Header(subject.Argument!),
            "body" => AssertionValue.FromString(last.Body),
            "json" => last.Response.Json(subject.Argument),
            "duration" => AssertionValue.FromMilliseconds(durations.Max(d => d.Number)),
            "url" => AssertionValue.FromString(last.FinalUrl),
            _ => AssertionValue.Missing,
        };

        public IReadOnlyList<AssertionValue> Samples(SubjectRef subject) =>
            subject.Root == "duration" ? durations : [Resolve(subject)];
    }
}
