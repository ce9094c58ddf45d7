using System.Runtime.CompilerServices;

namespace ManagedServices;

/// <summary>Element-wise equality, hashing and printing for <see cref="ImmutableArray{T}"/> members of records.</summary>
internal static class Sequence
{
    public static bool Equal<T>(ImmutableArray<T> a, ImmutableArray<T> b)
    {
        var x = a.IsDefault ? [] : a.AsSpan();
        var y = b.IsDefault ? [] : b.AsSpan();
        if (x.Length != y.Length)
        {
            return false;
        }

        var comparer = EqualityComparer<T>.Default;
        for (var i = 0; i < x.Length; i++)
        {
            if (!comparer.Equals(x[i], y[i]))
            {
                return false;
            }
        }

        return true;
    }

    public static int Hash<T>(ImmutableArray<T> a)
    {
        var hash = new HashCode();
        if (!a.IsDefault)
        {
            foreach (var item in a)
            {
                hash.Add(item);
            }
        }

        return hash.ToHashCode();
    }

    /// <summary>Appends <c>name = [ a, b ]</c> (a default array prints as empty) and returns the builder, as <see cref="StringBuilder.Append(string)"/> does.</summary>
    public static StringBuilder Print<T>(StringBuilder builder, string name, ImmutableArray<T> a)
    {
        builder.Append(name).Append(" = [");
        if (!a.IsDefault)
        {
            for (var i = 0; i < a.Length; i++)
            {
                builder.Append(i == 0 ? " " : ", ").Append(a[i]);
            }
        }

        return builder.Append(a.IsDefaultOrEmpty ? "]" : " ]");
    }

    public static ImmutableArray<T> OrEmpty<T>(this ImmutableArray<T> a) => a.IsDefault ? [] : a;

    /// <summary>
    /// <paramref name="a"/> (a default array as empty) for an init accessor that refuses null entries: an options
    /// object that exists is always usable.
    /// </summary>
    /// <exception cref="ArgumentException">An entry is null; the message is <paramref name="message"/>.</exception>
    public static ImmutableArray<T> WithoutNull<T>(ImmutableArray<T> a, string message, [CallerArgumentExpression(nameof(a))] string? paramName = null)
        where T : class
    {
        if (!a.IsDefault && a.Contains(null!))
        {
            throw new ArgumentException(message, paramName);
        }

        return a.OrEmpty();
    }
}
