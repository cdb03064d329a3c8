using System.Buffers.Text;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HealthCore.Modules.Audit;

/// <summary>A public checkpoint key as a JWK (RFC 7517, EC P-256) and as SubjectPublicKeyInfo PEM.</summary>
internal sealed record CheckpointKey(string Kid, string Kty, string Crv, string X, string Y, string Alg, string Use, string Pem);

internal sealed record CheckpointKeysResponse(IReadOnlyList<CheckpointKey> Keys);

internal static class GetCheckpointKeys
{
    public static Ok<CheckpointKeysResponse> Handle(CheckpointSigner signer) =>
        TypedResults.Ok(new CheckpointKeysResponse([.. signer.Validation.Select(k =>
        {
            var point = k.Key.ExportParameters(includePrivateParameters: false).Q;
            return new CheckpointKey(
                k.Id, "EC", "P-256", Base64Url.EncodeToString(point.X), Base64Url.EncodeToString(point.Y), CheckpointSigner.Algorithm, "sig",
                k.Key.ExportSubjectPublicKeyInfoPem());
        })]));
}
