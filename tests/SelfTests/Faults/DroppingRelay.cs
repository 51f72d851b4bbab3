using System.Net;
using System.Net.Sockets;

namespace Mint.Verification.SelfTests.Faults;

/// <summary>
/// A TCP relay on 127.0.0.1 at a random port in front of a real server, standing in for docker's
/// userland proxy on a bad second: the connections whose numbers (1-based, in the order accepted)
/// are listed are accepted and closed at once, before the server's greeting; every other one is
/// relayed both ways. <see cref="CutAll"/> closes the relayed connections that are open (a session
/// lost under a running command). Without a server behind it, every connection is closed.
/// </summary>
internal sealed class DroppingRelay : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stopping = new();
    private readonly HashSet<int> dropped;
    private readonly int? serverPort;
    private readonly List<TcpClient> open = [];
    private readonly Task serving;
    private int accepted;

    public DroppingRelay(int? serverPort, params int[] dropped)
    {
        this.serverPort = serverPort;
        this.dropped = [.. dropped];
        listener.Start();
        serving = ServeAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>Connections accepted so far, dropped or relayed.</summary>
    public int Accepted => Volatile.Read(ref accepted);

    public void CutAll()
    {
        lock (open)
        {
            foreach (var connection in open)
            {
                // A connection already ended has given up its socket (Client is null once disposed).
                connection.Client?.Close(0);
            }

            open.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        CutAll();
        try
        {
            await serving;
        }
        catch (OperationCanceledException)
        {
            // Stopped while waiting for a connection: the normal end.
        }

        stopping.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(stopping.Token);
            var number = Interlocked.Increment(ref accepted);
            if (serverPort is null || dropped.Contains(number))
            {
                // Closed as docker's proxy closes a connection it cannot forward: a plain close, no reset.
                client.Dispose();
                continue;
            }

            _ = RelayAsync(client, serverPort.Value);
        }
    }

    private async Task RelayAsync(TcpClient client, int port)
    {
        var server = new TcpClient();
        try
        {
            await server.ConnectAsync(IPAddress.Loopback, port, stopping.Token);
            lock (open)
            {
                open.Add(client);
                open.Add(server);
            }

            using var ended = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
            var pumps = new[] { Pump(client, server, ended.Token), Pump(server, client, ended.Token) };
            await Task.WhenAny(pumps);
            await ended.CancelAsync();
        }
        catch (Exception failure) when (failure is SocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // One side went away: the relay ends this connection, as a proxy would.
        }
        finally
        {
            lock (open)
            {
                open.Remove(client);
                open.Remove(server);
            }

            client.Dispose();
            server.Dispose();
        }
    }

    private static async Task Pump(TcpClient from, TcpClient to, CancellationToken cancellation)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream(), cancellation);
        }
        catch (Exception failure) when (failure is SocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The other pump or CutAll closed the sockets.
        }
    }
}
