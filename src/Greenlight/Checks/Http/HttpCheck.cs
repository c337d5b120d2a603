using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using Greenlight.Assertions;
using Greenlight.Spec;
using System.Text.Json.Nodes;
using Greenlight.Text;

namespace Greenlight.Checks.Http;

/// <summary>An HTTP request; <c>warmup</c> null means 1 when sampling a safe method, else 0.</summary>
internal sealed class HttpCheck(
    HttpRequestTemplate template, bool followRedirects, bool verifyTls, int samples, long maxBody, Fingerprint? fingerprint = null, int maxRedirects = 10, int? warmup = null) : ICheck
{
    private static readonly HashSet<string> SafeMethods = new(StringComparer.Ordinal) { "GET", "HEAD", "OPTIONS" };

    public async Task<Observation> ObserveAsync(CheckRunContext context, CancellationToken cancellationToken)
    {
        var url = context.Expand(template.Url);
        var headers = template.Headers.Select(h => (h.Name, Value: context.Expand(h.Value))).ToList();
        var body = template.Body is not null ? context.Expand(template.Body)
            : template.HasJson ? JsonText.Compact(ExpandJson(template.Json, context))
            : null;
        var requestEvidence = new EvidenceItem("request", DescribeRequest(template.Method, url, headers, body));

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return Observation.Failed($"`{url}` is not an absolute http:// or https:// URL", requestEvidence);
        }

        // Redirects are followed here, not by the handler, so a loop is an error that names the chain.
        var client = context.Http.Get(followRedirects: false, verifyTls);
        var credentials = Credentials.Sent(uri, headers).Distinct(StringComparer.Ordinal).ToList();
        var warmups = warmup ?? (samples > 1 && SafeMethods.Contains(template.Method) ? 1 : 0);
        var warmupTimes = new List<TimeSpan>(warmups);
        var durations = new List<AssertionValue>(samples);
        HttpSample? last = null;
        var resent = false;
        for (var i = 0; i < warmups + samples; i++)
        {
            var began = context.Time.GetTimestamp();
            try
            {
                var (response, chain, retried) = await SendFollowingAsync(client, uri, headers, body, cancellationToken);
                using (response)
                {
                    resent |= retried;
                    var (text, truncated) = await ReadBodyAsync(response, maxBody, cancellationToken);
                    var elapsed = context.Time.GetElapsedTime(began);
                    if (i < warmups)
                    {
                        // Pays for the connection, TLS and the server's first-request costs: not a sample.
                        warmupTimes.Add(elapsed);
                        continue;
                    }

                    durations.Add(AssertionValue.FromDuration(elapsed));
                    last = new HttpSample(response, text, truncated, elapsed, chain);
                }
            }
            catch (HttpRequestException ex)
            {
                var failed = Observation.Failed(Describe(ex, uri), requestEvidence);
                failed.SecretValues.AddRange(credentials);
                return failed;
            }
            catch (RedirectException ex)
            {
                var failed = Observation.Failed(ex.Message, requestEvidence);
                failed.SecretValues.AddRange(credentials);
                return failed;
            }
        }

        var subjects = new HttpSubjects(last!, durations);
        var observation = new Observation { Subjects = subjects };
        observation.SecretValues.AddRange(credentials);
        observation.Evidence.Add(requestEvidence);
        observation.Evidence.Add(last!.ToEvidence(samples, durations, warmupTimes, resent));
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
            var expected = fingerprint.Commit is { } given ? context.Expand(given) : await CommitBeingVerifiedAsync(context, cancellationToken);
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

    /// <summary>
    /// The commit this run verifies: the run's own provenance (read once, at its start), or, for a run
    /// started without one, the spec folder's HEAD now. Never kept across runs: a long-lived host (MCP,
    /// the dashboard) runs the spec again after a commit, and the old commit would pass an old deploy.
    /// </summary>
    private static async Task<string?> CommitBeingVerifiedAsync(CheckRunContext context, CancellationToken cancellationToken) =>
        context.Provenance != Engine.RunProvenance.Unknown
            ? context.Provenance.GitCommit
            : (await Engine.RunProvenance.DetectAsync(context.SpecDirectory, context.Time, cancellationToken)).GitCommit;

    /// <summary>
    /// Sends the request and follows 301/302/303/307/308 up to max_redirects, the way browsers do:
    /// 303 (and 301/302 after a POST) become a GET without body; credentials are not sent to another origin.
    /// </summary>
    private async Task<(HttpResponseMessage Response, IReadOnlyList<(Uri Url, int Status)> Chain, bool Retried)> SendFollowingAsync(
        HttpClient client, Uri uri, List<(string Name, string Value)> headers, string? body, CancellationToken cancellationToken)
    {
        var chain = new List<(Uri Url, int Status)>();
        var method = template.Method;
        var retried = false;
        while (true)
        {
            using var request = BuildRequest(method, uri, headers, body);
            var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            retried |= request.Options.TryGetValue(StaleConnectionRetry.Retried, out var again) && again;
            var status = (int)response.StatusCode;
            if (!followRedirects || status is not (301 or 302 or 303 or 307 or 308) || response.Headers.Location is not { } location)
            {
                return (response, chain, retried);
            }

            response.Dispose();
            var next = location.IsAbsoluteUri ? location : new Uri(uri, location);
            chain.Add((uri, status));
            if (chain.Any(c => c.Url == next))
            {
                throw new RedirectException($"redirect loop: {Chain(chain, next)}");
            }

            if (chain.Count > maxRedirects)
            {
                throw new RedirectException($"more than max_redirects ({maxRedirects}) redirects: {Chain(chain, next)}");
            }

            if (status == 303 || (status is 301 or 302 && method == "POST"))
            {
                method = method == "HEAD" ? "HEAD" : "GET";
                body = null;
            }

            if (!SameOrigin(uri, next))
            {
                headers = [.. headers.Where(h => !Credentials.IsSensitiveHeader(h.Name))];
            }

            uri = next;
        }
    }

    private static bool SameOrigin(Uri a, Uri b) => a.Scheme == b.Scheme && a.IdnHost == b.IdnHost && a.Port == b.Port;

    /// <summary>"/a → /b → /a" on one origin, whole URLs across origins.</summary>
    private static string Chain(IReadOnlyList<(Uri Url, int Status)> chain, Uri? next)
    {
        var all = chain.Select(c => c.Url).Concat(next is null ? [] : [next]).ToList();
        var oneOrigin = all.All(u => SameOrigin(u, all[0]));
        return string.Join(" → ", all.Select(u => oneOrigin ? u.PathAndQuery : u.ToString()));
    }

    private HttpRequestMessage BuildRequest(string method, Uri uri, List<(string Name, string Value)> headers, string? body)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), uri);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, template.HasJson ? "application/json" : "text/plain");
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

    private static JsonNode? ExpandJson(JsonNode? token, CheckRunContext context) => token switch
    {
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, ExpandJson(p.Value, context)))),
        JsonArray array => new JsonArray([.. array.Select(t => ExpandJson(t, context))]),
        JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String => JsonValue.Create(context.Expand(value.GetValue<string>())),
        _ => token?.DeepClone(),
    };

    private static string DescribeRequest(string method, string url, List<(string Name, string Value)> headers, string? body)
    {
        var sb = new StringBuilder($"{method} {url}\n");
        foreach (var (name, value) in headers)
        {
            sb.Append(name).Append(": ").Append(Credentials.IsSensitiveHeader(name) ? "***" : value).Append('\n');
        }

        if (body is not null)
        {
            sb.Append('\n').Append(body.Length > EvidenceItem.DefaultLimit ? body[..EvidenceItem.DefaultLimit] + "…" : body);
        }

        return sb.ToString().TrimEnd();
    }

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

    /// <summary>Too many redirects, or a loop.</summary>
    private sealed class RedirectException(string message) : Exception(message);

    private sealed class HttpSample(HttpResponseMessage response, string body, bool truncated, TimeSpan duration, IReadOnlyList<(Uri Url, int Status)> chain)
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

        public EvidenceItem ToEvidence(int samples, List<AssertionValue> durations, List<TimeSpan> warmups, bool resent)
        {
            var sb = new StringBuilder();
            if (chain.Count > 0)
            {
                sb.Append("redirects: ").AppendJoin(" → ", chain.Select(c => $"{c.Url} ({c.Status})")).Append($" → {FinalUrl}\n");
            }

            sb.Append($"HTTP/{Version} {Status} {Reason} ({Units.FormatDuration(Duration.TotalMilliseconds)}");
            if (warmups.Count > 0)
            {
                sb.Append($"; {warmups.Count} warm-up request{(warmups.Count == 1 ? "" : "s")} first, not counted: {string.Join(", ", warmups.Select(w => Units.FormatDuration(w.TotalMilliseconds)))}");
            }

            if (resent)
            {
                sb.Append("; sent again on a fresh connection: the server had closed the pooled one");
            }

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
                sb.Append(name).Append(": ").Append(Credentials.IsSensitiveHeader(name) ? "***" : value).Append('\n');
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
