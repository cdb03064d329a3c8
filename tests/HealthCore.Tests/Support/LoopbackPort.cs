using System.Net.Sockets;

namespace HealthCore.Tests.Support;

internal static class LoopbackPort
{
    /// <summary>A port on 127.0.0.1 that nothing listened on a moment ago, for a server the test starts.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
