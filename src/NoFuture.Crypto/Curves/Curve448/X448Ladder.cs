// The X448 function of RFC 7748 §5: decodeScalar448 (clamping), decodeUCoordinate (all 448 bits are used, a value
// ≥ p is reduced mod p), and the Montgomery ladder with a24 = 39081, over Field448.
// Constant time: the ladder runs all 448 steps whatever the scalar; a scalar bit only ever feeds ConditionalSwap's
// mask; the final inversion is Fermat's (a fixed chain of squarings and multiplications).
// Nothing allocates; the clamped scalar and every ladder variable are stack locals, wiped before returning.
// The public key X448(k, 5) has a faster fixed-base path (ScalarMultBase: edwards448's constant-time comb, then the
// RFC 7748 §4.2 4-isogeny to curve448).
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace NoFuture.Crypto.Curves.Curve448;

internal static class X448Ladder
{
    internal const int ScalarSizeInBytes = 56;
    internal const int PointSizeInBytes = 56;

    // (A − 2) / 4 for Curve448's A = 156326 (RFC 7748 §4.2, §5).
    private const uint A24 = 39081;

    /// <summary>The u-coordinate of the base point, 5 (RFC 7748 §4.2).</summary>
    internal static ReadOnlySpan<byte> BasePoint =>
    [
        5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    ];

    /// <summary>
    /// X448(k, u) into <paramref name="output"/> (RFC 7748 §5). Returns 1 when the output is not all zero, 0 when it
    /// is (u of small order, the §6.2 check), computed without a branch on the output.
    /// </summary>
    /// <remarks>Sizes are the caller's to check (56 bytes each); the output may not overlap the inputs.</remarks>
    internal static ulong ScalarMult(ReadOnlySpan<byte> k, ReadOnlySpan<byte> u, Span<byte> output)
    {
        System.Diagnostics.Debug.Assert(k.Length == ScalarSizeInBytes && u.Length == PointSizeInBytes && output.Length == PointSizeInBytes);
        Span<byte> scalar = stackalloc byte[ScalarSizeInBytes];
        Field448 x1, x2, z2, x3, z3, a, aa, b, bb, e, c, d, da, cb, t;
        x1 = x2 = z2 = x3 = z3 = a = aa = b = bb = e = c = d = da = cb = t = default;
        try
        {
            // decodeScalar448: clear the two low bits (cofactor 4), set bit 447.
            k.CopyTo(scalar);
            scalar[0] &= 252;
            scalar[55] |= 128;

            // decodeUCoordinate: all 56 bytes; a non-canonical value is reduced (Field448 arithmetic is mod p anyway).
            Field448.Decode(u, out x1);
            x2 = Field448.One;
            z2 = Field448.Zero;
            x3 = x1;
            z3 = Field448.One;
            ulong swap = 0;
            for (int i = 447; i >= 0; i--)
            {
                ulong kt = (ulong)(scalar[i >> 3] >> (i & 7)) & 1;
                swap ^= kt;
                Field448.ConditionalSwap(ref x2, ref x3, swap);
                Field448.ConditionalSwap(ref z2, ref z3, swap);
                swap = kt;

                Field448.Add(out a, x2, z2);
                Field448.Square(out aa, a);
                Field448.Sub(out b, x2, z2);
                Field448.Square(out bb, b);
                Field448.Sub(out e, aa, bb);
                Field448.Add(out c, x3, z3);
                Field448.Sub(out d, x3, z3);
                Field448.Mul(out da, d, a);
                Field448.Mul(out cb, c, b);
                Field448.Add(out t, da, cb);
                Field448.Square(out x3, t);
                Field448.Sub(out t, da, cb);
                Field448.Square(out t, t);
                Field448.Mul(out z3, x1, t);
                Field448.Mul(out x2, aa, bb);
                Field448.MulSmall(out t, e, A24);
                Field448.Add(out t, aa, t);
                Field448.Mul(out z2, e, t);
            }
            Field448.ConditionalSwap(ref x2, ref x3, swap);
            Field448.ConditionalSwap(ref z2, ref z3, swap);

            // x2 · z2^(p − 2); z2 = 0 (small-order u) gives 0, which the §6.2 check below reports.
            Field448.Invert(out t, z2);
            Field448.Mul(out x2, x2, t);
            Field448.Encode(x2, output);
            return 1 ^ Field448.IsZero(x2);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(scalar);
            Wipe(ref x1); Wipe(ref x2); Wipe(ref z2); Wipe(ref x3); Wipe(ref z3);
            Wipe(ref a); Wipe(ref aa); Wipe(ref b); Wipe(ref bb); Wipe(ref e);
            Wipe(ref c); Wipe(ref d); Wipe(ref da); Wipe(ref cb); Wipe(ref t);
        }
    }

    /// <summary>
    /// X448(k, 5), the public key (RFC 7748 §6.2), by a fixed-base multiplication on edwards448 mapped to curve448.
    /// Equal to <c>ScalarMult(k, BasePoint, output)</c> for every k, and constant time like it.
    /// </summary>
    /// <remarks>
    /// RFC 7748 §4.2 gives the 4-isogeny from edwards448 to curve448, (x, y) ↦ (u, v) = (y^2/x^2, …). It is a group
    /// homomorphism and maps the edwards448 base point of RFC 8032 §5.2 to a point with u = 5, i.e. to ±(the curve448
    /// base point); u is the same for a point and its negative, so u([k]·B_ed) read through the isogeny is X448(k, 5).
    /// B_ed has prime order L, so the clamped k is reduced mod L first (what the fixed-base multiplication takes). In
    /// projective coordinates u = (Y/X)^2: one inversion. The one clamped scalar with k ≡ 0 (mod L), k = 4L, gives the
    /// identity (X = 0); Invert maps 0 to 0, so u = 0, the same as the ladder's point at infinity.
    /// Sizes are the caller's to check (56 bytes each); the output may not overlap the input.
    /// </remarks>
    internal static void ScalarMultBase(ReadOnlySpan<byte> k, Span<byte> output)
    {
        System.Diagnostics.Debug.Assert(k.Length == ScalarSizeInBytes && output.Length == PointSizeInBytes);
        Span<byte> scalar = stackalloc byte[ScalarSizeInBytes];
        Span<ulong> s = stackalloc ulong[Scalar448.Limbs];
        Ed448Point p = default;
        Field448 t = default, u = default;
        try
        {
            // decodeScalar448 (RFC 7748 §5), exactly as the ladder clamps.
            k.CopyTo(scalar);
            scalar[0] &= 252;
            scalar[55] |= 128;
            Scalar448.Reduce(scalar, s);
            Ed448ScalarMul.MulBase(out p, s);
            Field448.Invert(out t, p.X);
            Field448.Mul(out u, p.Y, t);
            Field448.Square(out u, u);
            Field448.Encode(u, output);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(scalar);
            Scalar448.Wipe(s);
            Wipe(ref p.X); Wipe(ref p.Y); Wipe(ref p.Z);
            Wipe(ref t); Wipe(ref u);
        }
    }

    // ZeroMemory is not elided by the JIT, unlike plain stores to locals that are dead afterwards.
    private static void Wipe(ref Field448 f) => CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes((Span<ulong>)f));
}
