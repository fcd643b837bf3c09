// ECDSA signatures in the DER form of RFC 3279 §2.2.3 (Dss-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }),
// converted to and from IEEE P1363 r ‖ s. Decoding is strict X.690 DER (§10): definite lengths in their shortest
// form, minimal two's-complement INTEGERs (§8.3.2), no negative values, nothing after the SEQUENCE, nothing left
// inside it. BER forms that some parsers tolerate (long-form lengths below 128, leading zero octets, indefinite
// lengths, trailing bytes) are refused, as Wycheproof's ecdsa_*_test.json expects. Range checks (0 < r, s < n) are
// left to the verifier; here a value only has to fit in a field element.
using System.Diagnostics;

namespace NoFuture.Crypto.Curves;

internal static class EcdsaDer
{
    private const byte SequenceTag = 0x30;
    private const byte IntegerTag = 0x02;

    /// <summary>
    /// The largest DER signature on a curve whose order n has <paramref name="orderBits"/> bits: r and s are below n,
    /// so each INTEGER holds at most orderBits / 8 + 1 octets (the sign bit included).
    /// </summary>
    internal static int MaxSize(int orderBits)
    {
        int integer = orderBits / 8 + 1;
        Debug.Assert(integer < 0x80);
        int content = 2 * (2 + integer);
        return (content < 0x80 ? 2 : 3) + content;
    }

    /// <summary>Decodes <paramref name="der"/> into r ‖ s (each <paramref name="n"/> bytes, big-endian); false when it is not strict DER or a value does not fit.</summary>
    internal static bool TryDecode(ReadOnlySpan<byte> der, int n, Span<byte> p1363)
    {
        Debug.Assert(p1363.Length == 2 * n);
        p1363.Clear();
        int pos = 0;
        if (!TryReadHeader(der, ref pos, SequenceTag, out int length) || length != der.Length - pos) return false;
        if (!TryReadInteger(der, ref pos, p1363[..n])) return false;
        if (!TryReadInteger(der, ref pos, p1363[n..])) return false;
        return pos == der.Length;
    }

    private static bool TryReadHeader(ReadOnlySpan<byte> der, ref int pos, byte tag, out int length)
    {
        length = 0;
        if (der.Length - pos < 2 || der[pos] != tag) return false;
        byte first = der[pos + 1];
        pos += 2;
        if (first < 0x80)
        {
            length = first;
        }
        else if (first == 0x81)
        {
            // X.690 §10.1: the long form only when the short form cannot hold the length. Longer length fields
            // (0x82…) would announce at least 256 bytes, more than any signature on these curves.
            if (pos >= der.Length || der[pos] < 0x80) return false;
            length = der[pos++];
        }
        else
        {
            return false; // indefinite (0x80) or a length no signature here can have
        }
        return length <= der.Length - pos;
    }

    private static bool TryReadInteger(ReadOnlySpan<byte> der, ref int pos, Span<byte> field)
    {
        if (!TryReadHeader(der, ref pos, IntegerTag, out int length) || length == 0) return false;
        ReadOnlySpan<byte> value = der.Slice(pos, length);
        pos += length;
        if ((value[0] & 0x80) != 0) return false; // negative
        if (value[0] == 0 && value.Length > 1)
        {
            if ((value[1] & 0x80) == 0) return false; // X.690 §8.3.2: a redundant leading zero octet
            value = value[1..];
        }
        if (value.Length > field.Length) return false; // larger than any field element
        value.CopyTo(field[(field.Length - value.Length)..]);
        return true;
    }
}
