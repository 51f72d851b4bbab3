using Mint.Verification.Runbooks;

namespace Mint.Verification.SelfTests.StopBlocks;

/// <summary>What <see cref="HostModules.Command"/> prints on a host in each state the stop blocks must tell apart.</summary>
internal static class HostModulesSamples
{
    public static HostModules OldServing => HostModules.Parse(
        """
        /files-api|running|healthy|/home/docker-host/artwork-module
        Error response from daemon: No such container: order-intake
        /quote-page|running|healthy|/home/docker-host/quote-page
        """, cutoverBegun: false);

    public static HostModules UnifiedServing => HostModules.Parse(
        """
        /files-api|running|healthy|/home/docker-host/mint-modules-prod
        /order-intake|running|healthy|/home/docker-host/mint-modules-prod
        /quote-page|running|healthy|/home/docker-host/mint-modules-prod
        """, cutoverBegun: true);

    /// <summary>Step 4 and 5 stopped the old stacks and nothing started since: nothing serves.</summary>
    public static HostModules OldStopped => HostModules.Parse(
        """
        Error response from daemon: No such container: files-api
        Error response from daemon: No such container: order-intake
        Error response from daemon: No such container: quote-page
        """, cutoverBegun: true);

    /// <summary>files-api restored, quote-page still down (a rollback that did not complete).</summary>
    public static HostModules QuotePageDown => HostModules.Parse(
        """
        /files-api|running|healthy|/home/docker-host/artwork-module
        Error response from daemon: No such container: order-intake
        Error response from daemon: No such container: quote-page
        """, cutoverBegun: true);
}
