// The range check of a NIST-curve private scalar: 0 < d < n for a big-endian d of the order's length, computed as a
// borrow chain over every byte with no data-dependent branch or early exit (RFC 9180 §7.1.3 and the hybrid KEMs'
// rejection sampling both use it).
namespace NoFuture.Crypto.Hpke.Kems;

internal static class NistScalar
{
    internal static bool IsValid(ReadOnlySpan<byte> d, ReadOnlySpan<byte> order)
    {
        System.Diagnostics.Debug.Assert(d.Length == order.Length);
        int borrow = 0, any = 0;
        for (int i = d.Length - 1; i >= 0; i--)
        {
            int difference = d[i] - order[i] - borrow;
            borrow = (difference >> 8) & 1; // 1 when the byte subtraction wrapped
            any |= d[i];
        }
        // d - n borrows out exactly when d < n; any != 0 exactly when d != 0.
        return (borrow & (((any | -any) >> 31) & 1)) == 1;
    }
}
