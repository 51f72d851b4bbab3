using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Mint.Verification.SelfTests.BadInput;

/// <summary>
/// A stand-in HTTP endpoint on 127.0.0.1 at a random port: every request gets the same canned
/// answer, or canned answers in turn (the last one repeated), or, when silent, the connection is
/// accepted and held without a byte ever coming back.
/// </summary>
internal sealed class StubHttpServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stopping = new();
    private readonly List<TcpClient> held = [];
    private readonly Task serving;

    private StubHttpServer(IReadOnlyList<string>? responses)
    {
        listener.Start();
        serving = ServeAsync(responses);
    }

    private int answered;

    /// <summary>Requests answered so far.</summary>
    public int Answered => Volatile.Read(ref answered);

    public Uri BaseAddress => new($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");

    public static StubHttpServer Answering(int status, string contentType, string body) => new([Response(status, contentType, body)]);

    /// <summary>JSON answers in turn; once they run out, the last one is repeated.</summary>
    public static StubHttpServer AnsweringInTurn(params (int Status, string Body)[] answers) =>
        new([.. answers.Select(a => Response(a.Status, "application/json", a.Body))]);

    public static StubHttpServer Silent() => new(responses: null);

    /// <summary>An address on 127.0.0.1 where nothing listens (a port just freed): a connection is refused.</summary>
    public static Uri NothingListening()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return new($"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/");
    }

    private static string Response(int status, string contentType, string body) =>
        $"HTTP/1.1 {status} {(HttpStatusCode)status}\r\nContent-Type: {contentType}\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\nConnection: close\r\n\r\n{body}";

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        await serving;
        foreach (var client in held)
        {
            client.Dispose();
        }

        stopping.Dispose();
    }

    private async Task ServeAsync(IReadOnlyList<string>? responses)
    {
        try
        {
            while (true)
            {
                var client = await listener.AcceptTcpClientAsync(stopping.Token);
                if (responses is null)
                {
                    held.Add(client);
                    continue;
                }

                using (client)
                {
                    await AnswerAsync(client.GetStream(), () => responses[Math.Min(Interlocked.Increment(ref answered) - 1, responses.Count - 1)]);
                }
            }
        }
        catch (Exception stop) when (stop is OperationCanceledException or SocketException or ObjectDisposedException or IOException or InvalidOperationException)
        {
            // Stopped by DisposeAsync (an accept begun just after Stop says "Not listening"), or the
            // client went away: nothing more to serve.
        }
    }

    /// <summary>Reads the request head, then answers; the answer is chosen (and counted) before it goes out, so a client holding it sees it counted.</summary>
    private async Task AnswerAsync(NetworkStream stream, Func<string> respond)
    {
        var head = new StringBuilder();
        var buffer = new byte[4096];
        while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, stopping.Token);
            if (read == 0)
            {
                return;
            }

            head.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        await stream.WriteAsync(Encoding.UTF8.GetBytes(respond()), stopping.Token);
    }
}
