package org.yiwang.ecg;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.yiwang.platform.crypto.FieldEncryption;

/**
 * Readers' electronic signatures: one key pair per reader account (SM2 over SM3 by default, GB/T 32918 / GM/T 0003;
 * ECDSA P-256 over SHA-256 where configured), made at the first signature.
 * <p>
 * Key custody: the private key is stored encrypted by the platform's field encryption (SM4-GCM under the master key,
 * with the account id bound in as associated data, so a key copied to another account's row does not decrypt) and
 * is decrypted only inside a signing call made by that reader's own authenticated session. Why not a key derived from
 * the reader's password: a password reset would orphan every earlier key, and signing would need the password again
 * at every report; custody by the platform keeps verification independent of both (the public key is stored in the
 * clear with each key). An installation bound to a CA (电子认证服务) replaces this class with its signing service; the
 * stored report, its canonical form and the verification stay the same.
 */
@Component
class ReportSigner {

    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final FieldEncryption encryption;
    private final EcgProperties properties;
    private final Clock clock;

    ReportSigner(JdbcClient jdbc, FieldEncryption encryption, EcgProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.encryption = encryption;
        this.properties = properties;
        this.clock = clock;
    }

    record Signed(long keyId, byte[] signature) {
    }

    /** Signs {@code content} with the account's key, making the key pair at its first signature. */
    Signed sign(long accountId, byte[] content) {
        StoredKey key = activeKey(accountId).orElseGet(() -> create(accountId));
        try {
            PrivateKey privateKey = KeyFactory.getInstance("EC", BC).generatePrivate(new PKCS8EncodedKeySpec(
                    Base64.getDecoder().decode(encryption.decrypt(key.privateKey(), context(accountId)))));
            Signature signature = Signature.getInstance(key.algorithm(), BC);
            signature.initSign(privateKey, RANDOM);
            signature.update(content);
            return new Signed(key.id(), signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing with key " + key.id() + " failed", e);
        }
    }

    /** Whether {@code signature} over {@code content} verifies with the stored public key {@code keyId}. */
    boolean verify(long keyId, byte[] content, byte[] signature) {
        Optional<PublicKeyRow> key = jdbc.sql("select algorithm, public_key from ecg.signing_key where id = :id")
                .param("id", keyId).query((rs, n) -> new PublicKeyRow(rs.getString(1), rs.getBytes(2))).optional();
        if (key.isEmpty()) {
            return false;
        }
        try {
            PublicKey publicKey = KeyFactory.getInstance("EC", BC).generatePublic(new X509EncodedKeySpec(key.get().key()));
            Signature verifier = Signature.getInstance(key.get().algorithm(), BC);
            verifier.initVerify(publicKey);
            verifier.update(content);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    boolean keyExists(long keyId) {
        return jdbc.sql("select count(*) from ecg.signing_key where id = :id").param("id", keyId)
                .query(Long.class).single() == 1;
    }

    private record StoredKey(long id, String algorithm, byte[] privateKey) {
    }

    private record PublicKeyRow(String algorithm, byte[] key) {
    }

    private Optional<StoredKey> activeKey(long accountId) {
        return jdbc.sql("""
                        select id, algorithm, private_key from ecg.signing_key
                        where account_id = :account and retired_at is null""")
                .param("account", accountId)
                .query((rs, n) -> new StoredKey(rs.getLong(1), rs.getString(2), rs.getBytes(3))).optional();
    }

    /** A new key pair; when two first signatures race, the unique index lets one in and the other uses it. */
    private StoredKey create(long accountId) {
        EcgProperties.SignatureAlgorithm algorithm = properties.reading().signatureAlgorithm();
        KeyPair pair;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
            generator.initialize(new ECGenParameterSpec(algorithm.curve()), RANDOM);
            pair = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a " + algorithm + " key pair", e);
        }
        byte[] encryptedPrivate = encryption.encrypt(
                Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()), context(accountId));
        jdbc.sql("""
                        insert into ecg.signing_key (account_id, algorithm, public_key, private_key, created_at)
                        values (:account, :algorithm, :public, :private, :at)
                        on conflict (account_id) where retired_at is null do nothing""")
                .param("account", accountId).param("algorithm", algorithm.jcaName())
                .param("public", pair.getPublic().getEncoded()).param("private", encryptedPrivate)
                .param("at", Timestamp.from(clock.instant())).update();
        return activeKey(accountId).orElseThrow();
    }

    private static String context(long accountId) {
        return "ecg.signing_key.private_key:" + accountId;
    }
}
