using System.Security.Cryptography;

namespace HealthCore.Modules.Audit;

/// <summary>
/// RFC 6962 (2.1) Merkle tree hashing: leaf = SHA-256(0x00 || data), node = SHA-256(0x01 || left || right), the tree of
/// n leaves splits at the largest power of two below n. Roots and proofs are computed from the stored leaf hashes.
/// </summary>
internal static class MerkleTree
{
    public static byte[] EmptyRoot { get; } = SHA256.HashData([]);

    public static byte[] LeafHash(ReadOnlySpan<byte> data)
    {
        var input = new byte[data.Length + 1];
        data.CopyTo(input.AsSpan(1));
        return SHA256.HashData(input);
    }

    public static byte[] NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> input = stackalloc byte[65];
        input[0] = 1;
        left.CopyTo(input[1..]);
        right.CopyTo(input[33..]);
        return SHA256.HashData(input);
    }

    /// <summary>MTH(D[0:n]).</summary>
    public static byte[] Root(IReadOnlyList<byte[]> leaves) => leaves.Count == 0 ? EmptyRoot : Hash(leaves, 0, leaves.Count);

    /// <summary>PATH(m, D[0:n]): the audit path of leaf m in the tree of the first n leaves.</summary>
    public static List<byte[]> InclusionProof(IReadOnlyList<byte[]> leaves, long m, long n)
    {
        var path = new List<byte[]>();
        Path(leaves, (int)m, 0, (int)n, path);
        return path;
    }

    /// <summary>PROOF(m, D[0:n]): proves the tree of the first m leaves is a prefix of the tree of the first n.</summary>
    public static List<byte[]> ConsistencyProof(IReadOnlyList<byte[]> leaves, long m, long n)
    {
        var proof = new List<byte[]>();
        if (m > 0 && m < n)
        {
            SubProof(leaves, (int)m, 0, (int)n, complete: true, proof);
        }

        return proof;
    }

    private static byte[] Hash(IReadOnlyList<byte[]> leaves, int start, int count)
    {
        if (count == 1)
        {
            return leaves[start];
        }

        var k = Split(count);
        return NodeHash(Hash(leaves, start, k), Hash(leaves, start + k, count - k));
    }

    private static void Path(IReadOnlyList<byte[]> leaves, int m, int start, int count, List<byte[]> path)
    {
        if (count <= 1)
        {
            return;
        }

        var k = Split(count);
        if (m < k)
        {
            Path(leaves, m, start, k, path);
            path.Add(Hash(leaves, start + k, count - k));
        }
        else
        {
            Path(leaves, m - k, start + k, count - k, path);
            path.Add(Hash(leaves, start, k));
        }
    }

    private static void SubProof(IReadOnlyList<byte[]> leaves, int m, int start, int count, bool complete, List<byte[]> proof)
    {
        if (m == count)
        {
            if (!complete)
            {
                proof.Add(Hash(leaves, start, count));
            }

            return;
        }

        var k = Split(count);
        if (m <= k)
        {
            SubProof(leaves, m, start, k, complete, proof);
            proof.Add(Hash(leaves, start + k, count - k));
        }
        else
        {
            SubProof(leaves, m - k, start + k, count - k, complete: false, proof);
            proof.Add(Hash(leaves, start, k));
        }
    }

    /// <summary>The largest power of two smaller than n (n &gt; 1).</summary>
    private static int Split(int n)
    {
        var k = 1;
        while (k << 1 < n)
        {
            k <<= 1;
        }

        return k;
    }
}

/// <summary>
/// The right edge of a tree: the roots of its perfect subtrees, largest first (one per set bit of the size). Enough to
/// append leaves and compute the root without reading earlier leaves; stored with the tree head.
/// </summary>
internal sealed class MerkleFrontier
{
    private readonly List<byte[]> subtrees;

    private MerkleFrontier(long size, List<byte[]> subtrees)
    {
        Size = size;
        this.subtrees = subtrees;
    }

    public long Size { get; private set; }

    public static MerkleFrontier Empty() => new(0, []);

    public static MerkleFrontier Parse(long size, string hex)
    {
        var bytes = Convert.FromHexString(hex);
        var subtrees = Enumerable.Range(0, bytes.Length / 32).Select(i => bytes.AsSpan(i * 32, 32).ToArray()).ToList();
        return subtrees.Count == long.PopCount(size)
            ? new MerkleFrontier(size, subtrees)
            : throw new InvalidOperationException($"A frontier of {subtrees.Count} subtrees cannot describe a tree of {size} leaves.");
    }

    public string ToHex() => Convert.ToHexStringLower([.. subtrees.SelectMany(s => s)]);

    public void Append(byte[] leafHash)
    {
        var hash = leafHash;
        for (var size = Size; (size & 1) == 1; size >>= 1)
        {
            hash = MerkleTree.NodeHash(subtrees[^1], hash);
            subtrees.RemoveAt(subtrees.Count - 1);
        }

        subtrees.Add(hash);
        Size++;
    }

    public byte[] Root()
    {
        if (subtrees.Count == 0)
        {
            return MerkleTree.EmptyRoot;
        }

        var root = subtrees[^1];
        for (var i = subtrees.Count - 2; i >= 0; i--)
        {
            root = MerkleTree.NodeHash(subtrees[i], root);
        }

        return root;
    }
}
