package io.trainyard.engine.tracking;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 as the store records it (lower-case hex): of checkpoints, artifacts, experiment files and diffs. */
public final class Sha256 {

    private Sha256() {
    }

    public static String of(byte[] data) {
        return of(data, data.length);
    }

    /** Of the first {@code length} bytes of {@code data}. */
    public static String of(byte[] data, int length) {
        MessageDigest digest = digest();
        digest.update(data, 0, length);
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Copies {@code in} to {@code out} whole and returns the SHA-256 of what passed. */
    public static String copy(InputStream in, OutputStream out) throws IOException {
        MessageDigest digest = digest();
        new DigestInputStream(in, digest).transferTo(out);
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
