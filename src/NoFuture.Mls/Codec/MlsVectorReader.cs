// The elements of a vector<V> of structures (RFC 9420 §2.1.2), decoded one at a time from exactly the vector's bytes,
// with no allocation: usable for ref struct views that cannot be stored in an array.
namespace NoFuture.Mls.Codec;

internal ref struct MlsVectorReader<T>
    where T : IMlsEncodable<T>, allows ref struct
{
    private MlsReader _content;
    private readonly string _what;
    private T _current;

    /// <summary>Reads the elements of <paramref name="content"/>, the bytes after a vector's length header.</summary>
    internal MlsVectorReader(MlsReader content, string what)
    {
        _content = content;
        _what = what;
        _current = default!;
    }

    public readonly T Current => _current;

    /// <summary>Decodes the next element; false at the vector's end. An element cut by the vector's end is
    /// <see cref="MlsError.Truncated"/>, even when the outer input goes on.</summary>
    public bool MoveNext()
    {
        if (_content.IsEmpty) return false;
        int before = _content.Remaining.Length;
        _current = T.Decode(ref _content);
        // Every MLS structure takes at least one byte; one that took none would loop forever on hostile input.
        if (_content.Remaining.Length == before) MlsThrowHelper.Decode(MlsError.InvalidValue, _what);
        return true;
    }

    public readonly MlsVectorReader<T> GetEnumerator() => this;
}
