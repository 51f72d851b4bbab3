using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Mint.Verification.SelfTests.BadInput;

/// <summary>
/// A stand-in HTTP endpoint on 127.0.0.1 at a random port: every request gets the same canned
/// answer, or, when silent, the connection is accepted and held without a byte ever coming back.
/// </summary>
internal sealed class StubHttpServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stopping = new();
    private readonly List<TcpClient> held = [];
    private readonly Task serving;

    private StubHttpServer(string? response)
    {
        listener.Start();
        serving = ServeAsync(response);
    }

    public Uri BaseAddress => new($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");

    public static StubHttpServer Answering(int status, string contentType, string body) =>
        new($"HTTP/1.1 {status} {(HttpStatusCode)status}\r\nContent-Type: {contentType}\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\nConnection: close\r\n\r\n{body}");

    public static StubHttpServer Silent() => new(response: null);

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

    private async Task ServeAsync(string? response)
    {
        try
        {
            while (true)
            {
                var client = await listener.AcceptTcpClientAsync(stopping.Token);
                if (response is null)
                {
                    held.Add(client);
                    continue;
                }

                using (client)
                {
                    await AnswerAsync(client.GetStream(), response);
                }
            }
        }
        catch (Exception stop) when (stop is OperationCanceledException or SocketException or ObjectDisposedException or IOException)
        {
            // Stopped by DisposeAsync, or the client went away: nothing more to serve.
        }
    }

    private async Task AnswerAsync(NetworkStream stream, string response)
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

        await stream.WriteAsync(Encoding.UTF8.GetBytes(response), stopping.Token);
    }
}
