namespace NoFuture.Sessions.Tests.Interop;

/// <summary>
/// The one switch for full message interop with libsignal 0.103. libsignal requires an SPQR (pq_ratchet) field in
/// every message and rejects a session without it, so whole conversations need the real SPQR state; until it is merged
/// the session layer runs over the stand-in in src/NoFuture.Sessions/Spqr/SpqrState.cs and these tests skip.
/// Flip to true after merging the SPQR implementation.
/// </summary>
internal static class InteropSwitch
{
    // static readonly, not const: the code behind it stays compiled (no unreachable-code warning) while it is false.
#pragma warning disable CA1805 // the explicit false is the point: this is the switch to flip
    internal static readonly bool RealSpqrMerged = false;
#pragma warning restore CA1805

    internal const string SkipReason = "needs SPQR (spqr-proto)";

    internal static void RequireRealSpqr() => Assert.SkipUnless(RealSpqrMerged, SkipReason);
}
