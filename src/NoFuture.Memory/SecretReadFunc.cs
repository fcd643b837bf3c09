namespace NoFuture.Memory;

/// <summary>A callback that reads a secret's bytes and returns a (non-secret) result.</summary>
/// <param name="secret">The secret's bytes; valid only during the call.</param>
/// <param name="state">Caller state.</param>
public delegate TResult SecretReadFunc<in TState, out TResult>(ReadOnlySpan<byte> secret, TState state)
    where TState : allows ref struct;
