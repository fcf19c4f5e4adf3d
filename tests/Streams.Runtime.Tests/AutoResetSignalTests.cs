using Streams.Runtime.Tests.Support;

namespace Streams.Runtime.Tests;

/// <summary>
/// The one wake-up signal: the ingress merger waits on it without a timeout, the Kafka sink's pump with one, and both
/// rely on a set never being lost and never running the waiter on the setter's thread.
/// </summary>
[Trait("Tier", "Unit")]
public sealed class AutoResetSignalTests
{
    [Fact]
    public async Task A_set_before_the_wait_is_remembered_and_many_sets_wake_once()
    {
        var signal = new AutoResetSignal();
        signal.Set();
        signal.Set();
        signal.Set();

        ValueTask first = signal.WaitAsync();
        Assert.True(first.IsCompletedSuccessfully);
        await first;
        Assert.False(await signal.WaitAsync(TimeSpan.Zero), "three sets woke more than one wait");
    }

    [Fact]
    public void A_wait_without_a_timeout_allocates_nothing()
    {
        // The merger waits once per empty round of the stream edges: a hot path that must not allocate.
        var signal = new AutoResetSignal();
        Cycle(signal, 100);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Cycle(signal, 1000);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);

        static void Cycle(AutoResetSignal signal, int times)
        {
            for (int i = 0; i < times; i++)
            {
                signal.Set();
                ValueTask remembered = signal.WaitAsync();
                Assert.True(remembered.IsCompletedSuccessfully);

                ValueTask woken = signal.WaitAsync();
                signal.Set();
                var spinner = default(SpinWait);
                while (!woken.IsCompleted)
                {
                    spinner.SpinOnce();
                }

                Assert.True(woken.IsCompletedSuccessfully);
            }
        }
    }

    [Fact]
    public async Task A_set_wakes_a_waiter_without_running_it_on_the_setters_thread()
    {
        var signal = new AutoResetSignal();
        using var gate = new ManualResetEventSlim();
        ValueTask wait = signal.WaitAsync();
        Assert.False(wait.IsCompleted);
        Task waiter = WaitThenBlockAsync(wait, gate);

        // Were the waiter's continuation run inline, Set would not return until the gate opened.
        Task setter = Task.Run(signal.Set);
        await setter.WaitAsync(TestTimeouts.Wait);
        gate.Set();
        await waiter.WaitAsync(TestTimeouts.Wait);

        static async Task WaitThenBlockAsync(ValueTask wait, ManualResetEventSlim gate)
        {
            await wait;
            gate.Wait(TestTimeouts.Wait);
        }
    }

    [Fact]
    public async Task A_timed_wait_ends_with_true_on_a_set_and_false_at_its_timeout()
    {
        var signal = new AutoResetSignal();

        ValueTask<bool> set = signal.WaitAsync(TestTimeouts.Wait);
        Assert.False(set.IsCompleted);
        signal.Set();
        Assert.True(await set.AsTask().WaitAsync(TestTimeouts.Wait));

        Assert.False(await signal.WaitAsync(TimeSpan.FromMilliseconds(20)).AsTask().WaitAsync(TestTimeouts.Wait));

        signal.Set();
        Assert.True(await signal.WaitAsync(TimeSpan.Zero));
        Assert.False(await signal.WaitAsync(TimeSpan.Zero));

        ValueTask<bool> unbounded = signal.WaitAsync(Timeout.InfiniteTimeSpan);
        Assert.False(unbounded.IsCompleted);
        signal.Set();
        Assert.True(await unbounded.AsTask().WaitAsync(TestTimeouts.Wait));
    }

    [Fact]
    public async Task The_timer_of_a_wait_ended_by_a_set_never_ends_a_later_wait()
    {
        var signal = new AutoResetSignal();
        ValueTask<bool> first = signal.WaitAsync(TimeSpan.FromMilliseconds(50));
        signal.Set();
        Assert.True(await first);

        ValueTask<bool> second = signal.WaitAsync(TestTimeouts.Wait);
        await Task.Delay(300);
        Assert.False(second.IsCompleted, "the first wait's timer ended the second");
        signal.Set();
        Assert.True(await second.AsTask().WaitAsync(TestTimeouts.Wait));
    }

    [Fact]
    public async Task A_timer_that_fires_as_a_set_ends_its_wait_never_ends_the_next_one()
    {
        // Each round sets at about the moment the short wait's timer fires, then starts a long wait: a timer that raced
        // the set must not time the long wait out.
        var signal = new AutoResetSignal();
        for (int round = 0; round < 1000; round++)
        {
            ValueTask<bool> shortWait = signal.WaitAsync(TimeSpan.FromMilliseconds(1));
            long start = System.Diagnostics.Stopwatch.GetTimestamp();
            while (System.Diagnostics.Stopwatch.GetElapsedTime(start) < TimeSpan.FromMilliseconds(1 + (round % 3) * 0.1))
            {
                Thread.SpinWait(20);
            }

            signal.Set();
            if (!await shortWait)
            {
                await signal.WaitAsync(); // timed out first: the set is waiting for the next wait
            }

            ValueTask<bool> longWait = signal.WaitAsync(TestTimeouts.Wait);
            Thread.SpinWait(2000);
            Assert.False(longWait.IsCompleted, $"round {round}: a stale timer ended the next wait");
            signal.Set();
            Assert.True(await longWait);
        }
    }

    [Fact]
    public async Task A_set_after_a_timeout_is_kept_for_the_next_wait()
    {
        var signal = new AutoResetSignal();
        Assert.False(await signal.WaitAsync(TimeSpan.FromMilliseconds(1)).AsTask().WaitAsync(TestTimeouts.Wait));
        signal.Set();
        ValueTask next = signal.WaitAsync();
        Assert.True(next.IsCompletedSuccessfully);
        await next;
    }

    [Theory]
    [InlineData(-2)]
    [InlineData((double)int.MaxValue + 1)]
    public void A_timeout_below_minus_one_or_past_int_max_milliseconds_is_refused(double milliseconds)
    {
        var signal = new AutoResetSignal();
        Assert.Throws<ArgumentOutOfRangeException>(() => { _ = signal.WaitAsync(TimeSpan.FromMilliseconds(milliseconds)).AsTask(); });
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task No_set_is_lost_between_a_check_and_a_wait(bool timed)
    {
        // Producers publish work and then set; the consumer checks, then waits: it must see every item.
        const int Producers = 4;
        const int ItemsEach = 20_000;
        var signal = new AutoResetSignal();
        long published = 0;

        Task consumer = Task.Run(async () =>
        {
            while (Volatile.Read(ref published) < Producers * ItemsEach)
            {
                if (timed)
                {
                    await signal.WaitAsync(TimeSpan.FromMinutes(1));
                }
                else
                {
                    await signal.WaitAsync();
                }
            }
        });
        Task[] producers = [.. Enumerable.Range(0, Producers).Select(_ => Task.Run(() =>
        {
            for (int i = 0; i < ItemsEach; i++)
            {
                Interlocked.Increment(ref published);
                signal.Set();
            }
        }))];

        await Task.WhenAll(producers).WaitAsync(TestTimeouts.Wait);
        await consumer.WaitAsync(TestTimeouts.Wait);
    }
}
