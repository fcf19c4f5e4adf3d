namespace Streams.Runtime;

/// <summary>A snapshot of a <see cref="BufferPool"/>'s accounting.</summary>
/// <param name="Rented">Arrays handed out since the pool was made.</param>
/// <param name="Returned">Arrays given back since the pool was made.</param>
/// <param name="Allocated">Arrays the pool had to allocate because none of the size was idle.</param>
/// <param name="Discarded">Returned arrays left to the GC because their bucket was full.</param>
/// <param name="Retained">Idle arrays the pool holds now.</param>
/// <param name="RetainedBytes">Bytes the idle arrays take.</param>
public readonly record struct BufferPoolStatistics(
    long Rented, long Returned, long Allocated, long Discarded, int Retained, long RetainedBytes)
{
    /// <summary>Arrays rented and not yet returned: zero when nothing leaked.</summary>
    public long Outstanding => Rented - Returned;
}
