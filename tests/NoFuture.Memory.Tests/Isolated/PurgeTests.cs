using NoFuture.Memory.Tests.Support;

namespace NoFuture.Memory.Tests.Isolated;

public class PurgeTests
{
    /// <summary>
    /// Purges racing the creation of random secrets (in a child: a purge wipes every secret of the process). No
    /// secret may come back alive with its bytes wiped.
    /// </summary>
    [Fact]
    public void ASecretMadeDuringAPurgeIsEitherPurgedOrKeepsItsBytes()
    {
        ProbeResult r = Probe.Run("purge-race 4");
        Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}\n{r.All}");
        Assert.True(r.Number("purges") > 0 && r.Number("created") > 0, r.Output); // the race was run
        Assert.Equal(0, r.Number("zeroedAlive"));
    }

    /// <summary>The same race for the C ABI's secrets (Secret.CreateRandomOwned: no finalizer, disposed by the handle table).</summary>
    [Fact]
    public void AnOwnedSecretMadeDuringAPurgeIsEitherPurgedOrKeepsItsBytes()
    {
        ProbeResult r = Probe.Run("purge-race 4 owned");
        Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}\n{r.All}");
        Assert.True(r.Number("purges") > 0 && r.Number("created") > 0, r.Output); // the race was run
        Assert.Equal(0, r.Number("zeroedAlive"));
    }

    /// <summary>A write lease open across a purge: what it writes after the wipe is wiped when it closes.</summary>
    [Fact]
    public void WhatALeaseWritesAfterThePurgeIsWipedWhenItCloses()
    {
        ProbeResult r = Probe.Run("purge-under-lease");
        Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}\n{r.All}");
        foreach (string length in new[] { "32", "5000" })
        {
            Assert.Equal("True", r.Value("disposed" + length));
            Assert.Equal("True", r.Value("wiped" + length));
        }
    }
}
