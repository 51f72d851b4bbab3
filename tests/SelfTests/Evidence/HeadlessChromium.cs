using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Mint.Verification.SelfTests.Evidence;

/// <summary>
/// A page opened in headless Chromium and read through the DevTools protocol on loopback: the DOM is
/// read every 200 ms until the caller's condition holds or the bound passes. This waits for exactly
/// what the test asserts; a virtual-time budget (--dump-dom) instead guessed how long the report's
/// scripts need and, on a loaded machine, either cut them short or made every run pay the guess.
/// </summary>
internal sealed partial class HeadlessChromium : IAsyncDisposable
{
    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan ReloadAfter = TimeSpan.FromSeconds(30);

    private readonly Process process;
    private readonly string profile;
    private readonly ClientWebSocket socket = new();
    private readonly StringBuilder errors = new();
    private int nextId;

    private HeadlessChromium(Process process, string profile)
    {
        this.process = process;
        this.profile = profile;
    }

    /// <summary>The DOM of <paramref name="url"/> once <paramref name="rendered"/> holds, or the last DOM read when <paramref name="bound"/> passed (the caller's assertion then says what it lacked).</summary>
    public static async Task<string> ReadDomAsync(string url, Func<string, bool> rendered, TimeSpan bound)
    {
        var watch = Stopwatch.StartNew();
        await using var chromium = await OpenAsync(url);
        TestContext.Out.WriteLine($"Chromium opened the page in {watch.Elapsed.TotalSeconds:F1} s");
        var dom = string.Empty;
        var sinceLoad = Stopwatch.StartNew();
        while (watch.Elapsed < bound)
        {
            dom = await chromium.OuterHtmlAsync();
            if (rendered(dom))
            {
                TestContext.Out.WriteLine($"the page showed what was asked after {watch.Elapsed.TotalSeconds:F1} s");
                return dom;
            }

            if (sinceLoad.Elapsed > ReloadAfter)
            {
                // Measured on a machine loaded to 25-35: opened on a result's link (#<uuid>) the report
                // sometimes stays on its bare layout for good (document complete, 96 characters of
                // text); the same page reloaded shows the result in seconds.
                var state = await chromium.EvaluateAsync("document.readyState + ' ' + (document.body ? document.body.innerText.length : -1) + ' characters of text'");
                TestContext.Out.WriteLine($"the page did not show what was asked within {ReloadAfter.TotalSeconds:F0} s of loading ({dom.Length} characters, state {state}); reloading it");
                await chromium.EvaluateAsync("location.reload(); ''");
                sinceLoad.Restart();
            }

            await Task.Delay(PollInterval);
        }

        TestContext.Out.WriteLine($"the page did not show what was asked within {bound.TotalSeconds:F0} s; judging its last DOM");
        return dom;
    }

    private static async Task<HeadlessChromium> OpenAsync(string url)
    {
        var executable = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists)
            ?? throw new AssertionException("Chromium is not installed, so the rendered report cannot be checked: run `bash fixtures/evidence/install.sh` as root (Debian package chromium).");
        var profile = EvidenceSamples.TemporaryDirectory("chromium");
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var argument in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", $"--user-data-dir={profile}",
            // No timer throttling for a page nobody looks at: the report builds its page with timers.
            "--disable-background-timer-throttling", "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows",
            // Safety: no name resolves except loopback, so nothing the page asks for leaves this machine.
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost", "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", url,
        })
        {
            start.ArgumentList.Add(argument);
        }

        var chromium = new HeadlessChromium(Process.Start(start)!, profile);
        try
        {
            chromium.process.StandardInput.Close();
            _ = chromium.process.StandardOutput.ReadToEndAsync();
            var browser = await chromium.DevToolsAddressAsync();
            await chromium.ConnectToPageAsync(browser, url);
            return chromium;
        }
        catch
        {
            await chromium.DisposeAsync();
            throw;
        }
    }

    /// <summary>Chromium prints "DevTools listening on ws://127.0.0.1:PORT/..." once its port is open.</summary>
    private async Task<Uri> DevToolsAddressAsync()
    {
        using var deadline = new CancellationTokenSource(StartBound);
        try
        {
            while (await process.StandardError.ReadLineAsync(deadline.Token) is { } line)
            {
                errors.AppendLine(line);
                var listening = ListeningLine().Match(line);
                if (listening.Success)
                {
                    _ = DrainErrorsAsync();
                    return new Uri(listening.Groups["address"].Value);
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new AssertionException($"Chromium opened no DevTools port within {StartBound.TotalSeconds:F0} s; it printed: {errors}");
        }

        throw new AssertionException($"Chromium exited before opening its DevTools port; it printed: {errors}");
    }

    private async Task DrainErrorsAsync()
    {
        while (await process.StandardError.ReadLineAsync() is { } line)
        {
            lock (errors)
            {
                errors.AppendLine(line);
            }
        }
    }

    /// <summary>The page target for <paramref name="url"/> from /json/list on the same loopback port, polled until Chromium lists it.</summary>
    private async Task ConnectToPageAsync(Uri browser, string url)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var list = new Uri($"http://127.0.0.1:{browser.Port}/json/list");
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < StartBound)
        {
            var targets = JsonNode.Parse(await http.GetStringAsync(list))!.AsArray();
            var page = targets.FirstOrDefault(target => (string?)target?["type"] == "page" && ((string?)target?["url"])?.StartsWith(url.Split('#')[0], StringComparison.Ordinal) == true);
            if (page?["webSocketDebuggerUrl"] is { } address)
            {
                using var connecting = new CancellationTokenSource(StartBound);
                await socket.ConnectAsync(new Uri((string)address!), connecting.Token);
                return;
            }

            await Task.Delay(PollInterval);
        }

        throw new AssertionException($"Chromium listed no page for {url} within {StartBound.TotalSeconds:F0} s");
    }

    private Task<string> OuterHtmlAsync() => EvaluateAsync("document.documentElement ? document.documentElement.outerHTML : ''");

    /// <summary>A script's value as a string, evaluated in the page.</summary>
    private async Task<string> EvaluateAsync(string expression)
    {
        var id = ++nextId;
        var request = new JsonObject
        {
            ["id"] = id,
            ["method"] = "Runtime.evaluate",
            ["params"] = new JsonObject { ["expression"] = expression, ["returnByValue"] = true },
        };
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await socket.SendAsync(Encoding.UTF8.GetBytes(request.ToJsonString()), WebSocketMessageType.Text, endOfMessage: true, deadline.Token);
        while (true)
        {
            using var reply = JsonDocument.Parse(await ReceiveAsync(deadline.Token));
            if (!reply.RootElement.TryGetProperty("id", out var replyId) || replyId.GetInt32() != id)
            {
                continue;
            }

            // An error or no value: the page is between two loads (a reload destroys the context);
            // an empty DOM lets the caller poll again.
            return reply.RootElement.TryGetProperty("result", out var result)
                && result.TryGetProperty("result", out var remote)
                && remote.TryGetProperty("value", out var value)
                && value.ValueKind == JsonValueKind.String
                ? value.GetString() ?? string.Empty
                : string.Empty;
        }
    }

    /// <summary>One whole message: the DOM of the report is several megabytes, sent in many frames.</summary>
    private async Task<byte[]> ReceiveAsync(CancellationToken cancellation)
    {
        using var message = new MemoryStream();
        var buffer = new byte[1 << 16];
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, cancellation);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                throw new AssertionException($"Chromium closed the DevTools connection; it printed: {errors}");
            }

            message.Write(buffer, 0, received.Count);
            if (received.EndOfMessage)
            {
                return message.ToArray();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        socket.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        await DeleteProfileAsync();
    }

    /// <summary>Chromium's helper processes may still be closing files in the profile for a moment after the browser exits.</summary>
    private async Task DeleteProfileAsync()
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                Directory.Delete(profile, recursive: true);
                return;
            }
            catch (IOException) when (watch.Elapsed < TimeSpan.FromSeconds(5))
            {
                await Task.Delay(PollInterval);
            }
        }
    }

    [GeneratedRegex(@"DevTools listening on (?<address>ws://127\.0\.0\.1:\d+/\S+)")]
    private static partial Regex ListeningLine();
}
