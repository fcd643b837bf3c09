// Points of edwards448 (RFC 8032 §5.2: x^2 + y^2 = 1 + d·x^2·y^2, d = −39081, untwisted, a = 1) over Field448.
// Sizes: a point encodes to 57 bytes (§5.2.2: y little-endian in 56 bytes, the sign of x in bit 455).
//
// Choices:
// - Projective coordinates (X : Y : Z), x = X/Z, y = Y/Z, with the formulas of RFC 8032 §5.2.4: addition
//   11M + 1S (10M + 1S against an affine point), doubling 3M + 4S. d is not a square in GF(p), so the addition law is
//   complete (Bernstein–Lange, "Faster addition and doubling on elliptic curves", Theorem 3.3): it holds for doubling,
//   the identity (0 : 1 : 1) and inverses alike, and no input needs a special case, which keeps the constant-time
//   paths branch-free.
// - Multiplying by d = −39081 is a MulSmall by 39081 and a swapped add/sub: F = B − E = B + 39081·C·D.
using System.Runtime.CompilerServices;

namespace NoFuture.Crypto.Curves.Curve448;

/// <summary>A point of edwards448 in projective coordinates (X : Y : Z).</summary>
internal struct Ed448Point
{
    internal const int EncodedSizeInBytes = 57;

    /// <summary>−d, the small constant the formulas multiply by.</summary>
    internal const uint MinusD = 39081;

    internal Field448 X, Y, Z;

    /// <summary>The neutral element (0 : 1 : 1).</summary>
    internal static Ed448Point Identity
    {
        get
        {
            Ed448Point p = default;
            p.Y = Field448.One;
            p.Z = Field448.One;
            return p;
        }
    }

    /// <summary>The base point B of RFC 8032 §5.2.</summary>
    internal static Ed448Point Base
    {
        get
        {
            Ed448Point p = default;
            p.X = Limbs(0x26a82bc70cc05e, 0x80e18b00938e26, 0xf72ab66511433b, 0xa3d3a46412ae1a,
                0x0f1767ea6de324, 0x36da9e14657047, 0xed221d15a622bf, 0x4f1970c66bed0d);
            p.Y = Limbs(0x08795bf230fa14, 0x132c4ed7c8ad98, 0x1ce67c39c4fdbd, 0x05a0c2d73ad3ff,
                0xa3984087789c1e, 0xc7624bea73736c, 0x248876203756c9, 0x693f46716eb6bc);
            p.Z = Field448.One;
            return p;
        }
    }

    private static Field448 Limbs(ulong l0, ulong l1, ulong l2, ulong l3, ulong l4, ulong l5, ulong l6, ulong l7)
    {
        Field448 f = default;
        f[0] = l0; f[1] = l1; f[2] = l2; f[3] = l3; f[4] = l4; f[5] = l5; f[6] = l6; f[7] = l7;
        return f;
    }

    /// <summary>r = p + q (RFC 8032 §5.2.4, "the point addition formulas"). r may alias p or q.</summary>
    internal static void Add(out Ed448Point r, in Ed448Point p, in Ed448Point q)
    {
        Field448.Mul(out Field448 a, p.Z, q.Z);
        Field448.Square(out Field448 b, a);
        Field448.Mul(out Field448 c, p.X, q.X);
        Field448.Mul(out Field448 dd, p.Y, q.Y);
        Finish(out r, a, b, c, dd, p.X, p.Y, q.X, q.Y);
    }

    /// <summary>r = p + (x, y) for an affine (x, y) (the same formulas with Z2 = 1). r may alias p.</summary>
    internal static void AddAffine(out Ed448Point r, in Ed448Point p, in Field448 x, in Field448 y)
    {
        Field448.Square(out Field448 b, p.Z);
        Field448.Mul(out Field448 c, p.X, x);
        Field448.Mul(out Field448 dd, p.Y, y);
        Finish(out r, p.Z, b, c, dd, p.X, p.Y, x, y);
    }

    // The shared tail of §5.2.4's addition: E = d·C·D, F = B − E, G = B + E, H = (X1 + Y1)·(X2 + Y2),
    // X3 = A·F·(H − C − D), Y3 = A·G·(D − C), Z3 = F·G.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish(out Ed448Point r, in Field448 a, in Field448 b, in Field448 c, in Field448 dd,
        in Field448 x1, in Field448 y1, in Field448 x2, in Field448 y2)
    {
        Field448.Mul(out Field448 e, c, dd);
        Field448.MulSmall(out e, e, MinusD);            // −E
        Field448.Add(out Field448 f, b, e);              // F = B − E
        Field448.Sub(out Field448 g, b, e);              // G = B + E
        Field448.Add(out Field448 s1, x1, y1);
        Field448.Add(out Field448 s2, x2, y2);
        Field448.Mul(out Field448 h, s1, s2);
        Field448.Sub(out h, h, c);
        Field448.Sub(out h, h, dd);                      // H − C − D
        Field448.Sub(out Field448 dc, dd, c);            // D − C
        Field448.Mul(out Field448 af, a, f);
        Field448.Mul(out Field448 ag, a, g);
        r = default;
        Field448.Mul(out r.X, af, h);
        Field448.Mul(out r.Y, ag, dc);
        Field448.Mul(out r.Z, f, g);
    }

    /// <summary>r = 2p (RFC 8032 §5.2.4, "the point doubling formulas"). r may alias p.</summary>
    internal static void Double(out Ed448Point r, in Ed448Point p)
    {
        Field448.Add(out Field448 s, p.X, p.Y);
        Field448.Square(out Field448 b, s);              // B = (X1 + Y1)^2
        Field448.Square(out Field448 c, p.X);            // C = X1^2
        Field448.Square(out Field448 dd, p.Y);           // D = Y1^2
        Field448.Add(out Field448 e, c, dd);             // E = C + D
        Field448.Square(out Field448 h, p.Z);            // H = Z1^2
        Field448.Add(out h, h, h);
        Field448.Sub(out Field448 j, e, h);              // J = E − 2H
        Field448.Sub(out b, b, e);                       // B − E
        Field448.Sub(out Field448 cd, c, dd);            // C − D
        r = default;
        Field448.Mul(out r.X, b, j);
        Field448.Mul(out r.Y, e, cd);
        Field448.Mul(out r.Z, e, j);
    }

    /// <summary>r = −p.</summary>
    internal static void Negate(out Ed448Point r, in Ed448Point p)
    {
        r = p;
        Field448.Negate(out r.X, p.X);
    }

    /// <summary>The affine coordinates x = X/Z, y = Y/Z (one inversion).</summary>
    internal static void ToAffine(in Ed448Point p, out Field448 x, out Field448 y)
    {
        Field448.Invert(out Field448 zInv, p.Z);
        Field448.Mul(out x, p.X, zInv);
        Field448.Mul(out y, p.Y, zInv);
        zInv = default;
    }

    /// <summary>Encodes p (RFC 8032 §5.2.2): y in 56 little-endian bytes, then a byte holding the sign of x in its top bit.</summary>
    internal static void Encode(in Ed448Point p, Span<byte> destination)
    {
        ToAffine(p, out Field448 x, out Field448 y);
        Field448.Encode(y, destination[..56]);
        destination[56] = (byte)(Field448.IsNegative(x) << 7);
        x = default;
        y = default;
    }

    /// <summary>
    /// Decodes a 57-byte point (RFC 8032 §5.2.3). False for a y that is not canonical (≥ p, including any bit set in
    /// bits 448–454), for a y with no x on the curve, and for x = 0 with the sign bit set. Not constant time in its
    /// verdict: the inputs (public keys, R) are public.
    /// </summary>
    internal static bool TryDecode(ReadOnlySpan<byte> encoded, out Ed448Point p)
    {
        p = default;
        if (encoded.Length != EncodedSizeInBytes) return false;
        ulong x0 = (ulong)(encoded[56] >> 7);
        // Step 1: clearing bit 455 must leave a value < p; any of bits 448–454 set makes it ≥ 2^448 > p.
        if ((encoded[56] & 0x7F) != 0) return false;
        if (Field448.Decode(encoded[..56], out Field448 y) == 0) return false;

        // Step 2: x^2 = (y^2 − 1) / (d·y^2 − 1) = u/v; candidate x = u^3·v·(u^5·v^3)^((p − 3)/4).
        Field448.Square(out Field448 y2, y);
        Field448.Sub(out Field448 u, y2, Field448.One);
        Field448.MulSmall(out Field448 v, y2, MinusD);
        Field448.Negate(out v, v);
        Field448.Sub(out v, v, Field448.One);            // v = d·y^2 − 1
        Field448.Square(out Field448 u2, u);
        Field448.Mul(out Field448 u3, u2, u);
        Field448.Mul(out Field448 u3v, u3, v);           // u^3·v
        Field448.Square(out Field448 v2, v);
        Field448.Mul(out Field448 t, u3v, u2);
        Field448.Mul(out t, t, v2);                       // u^5·v^3
        Field448.PowP34(out t, t);
        Field448.Mul(out Field448 x, u3v, t);

        // Step 3: v·x^2 must equal u, else no square root exists.
        Field448.Square(out Field448 x2, x);
        Field448.Mul(out x2, x2, v);
        if (Field448.Equal(x2, u) == 0) return false;

        // Step 4: x = 0 with x_0 = 1 fails; otherwise pick the root whose parity is x_0.
        if (Field448.IsZero(x) == 1 && x0 == 1) return false;
        Field448.Negate(out Field448 negX, x);
        Field448.Select(out x, x, negX, Field448.IsNegative(x) ^ x0);
        p.X = x;
        p.Y = y;
        p.Z = Field448.One;
        return true;
    }

    /// <summary>Whether p and q are the same point (X1·Z2 = X2·Z1 and Y1·Z2 = Y2·Z1). Public data only.</summary>
    internal static bool Equal(in Ed448Point p, in Ed448Point q)
    {
        Field448.Mul(out Field448 a, p.X, q.Z);
        Field448.Mul(out Field448 b, q.X, p.Z);
        Field448.Mul(out Field448 c, p.Y, q.Z);
        Field448.Mul(out Field448 d, q.Y, p.Z);
        return (Field448.Equal(a, b) & Field448.Equal(c, d)) == 1;
    }

    /// <summary>Whether p is the identity (X = 0 and Y = Z). Public data only.</summary>
    internal static bool IsIdentity(in Ed448Point p) =>
        (Field448.IsZero(p.X) & Field448.Equal(p.Y, p.Z)) == 1;
}
