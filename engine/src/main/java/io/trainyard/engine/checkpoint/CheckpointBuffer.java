package io.trainyard.engine.checkpoint;

import java.io.ByteArrayOutputStream;

/**
 * The bytes of a checkpoint being encoded, in an array that is kept from one epoch to the next: a fresh one at every
 * epoch's end cost the training thread page faults and garbage collections ({@link CheckpointRecorder} has the
 * figures). Sections are written with a placeholder for their length, patched once they are complete.
 */
final class CheckpointBuffer extends ByteArrayOutputStream {

    CheckpointBuffer() {
    }

    CheckpointBuffer(int capacity) {
        super(capacity);
    }

    /** The array the bytes are in: its first {@link #size()} bytes, valid until the next {@link #reset()}. */
    byte[] array() {
        return buf;
    }

    /** Overwrites four bytes already written at {@code position} with {@code value}, big-endian. */
    void patchInt(int position, int value) {
        for (int i = 0; i < Integer.BYTES; i++) {
            buf[position + i] = (byte) (value >>> (Integer.SIZE - Byte.SIZE * (i + 1)));
        }
    }
}
