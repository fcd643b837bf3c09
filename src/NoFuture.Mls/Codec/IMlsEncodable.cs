// The encode/decode contract every MLS structure implements (RFC 9420 §2.1, the TLS presentation language). A
// static-abstract interface rather than hand-written Encode/Decode pairs, so that the generic helpers of MlsCodec
// (vector<V> of structures, optional<T>, decode-the-whole-input) are written once and type-checked for every
// structure, with no virtual call and no boxing: the JIT specialises each helper per structure. `allows ref struct`
// lets a structure that only views its input (slices of the peer's bytes, no copy) implement it as well as an owned
// class. docs/mls.md gives the reasons in full.
namespace NoFuture.Mls.Codec;

/// <summary>An MLS structure with its TLS presentation-language encoding.</summary>
/// <typeparam name="TSelf">The implementing type.</typeparam>
internal interface IMlsEncodable<TSelf>
    where TSelf : IMlsEncodable<TSelf>, allows ref struct
{
    /// <summary>Reads one structure and advances <paramref name="reader"/> past it. A failure is always an
    /// <see cref="MlsException"/> with a reason; what comes back is decoded, not validated (docs/mls.md).</summary>
    static abstract TSelf Decode(scoped ref MlsReader reader);

    /// <summary>The exact number of bytes <see cref="Encode"/> writes, so a caller sizes its buffer first and the
    /// structure is written once.</summary>
    int EncodedSize { get; }

    /// <summary>Writes the structure; <paramref name="writer"/> has at least <see cref="EncodedSize"/> bytes left.</summary>
    void Encode(ref MlsWriter writer);
}
