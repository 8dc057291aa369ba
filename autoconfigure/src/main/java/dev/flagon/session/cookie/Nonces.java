package dev.flagon.session.cookie;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Random AES-GCM nonces, each handed out once. A call of the JDK's {@code DRBG}
 * (Hash_DRBG, SHA-256) costs about 300 ns however few bytes it makes, more than half of
 * encrypting a small session, so the nonces are drawn {@value #NONCES_PER_DRAW} at a time; a
 * nonce then costs about a quarter of a call of the default {@code NativePRNG}. Nonces are
 * not secret (each is sent in the clear in its cookie), but none may ever repeat under the
 * same key: every slice of a draw is copied out under the lock and cleared.
 */
final class Nonces {

	private static final int NONCES_PER_DRAW = 64;

	private final SecureRandom random = drbg();

	private final int length;

	private final byte[] batch;

	private final ReentrantLock lock = new ReentrantLock();

	private int next;

	/**
	 * @param length the length of a nonce in bytes
	 */
	Nonces(int length) {
		this.length = length;
		this.batch = new byte[NONCES_PER_DRAW * length];
		this.next = this.batch.length;
	}

	private static SecureRandom drbg() {
		try {
			return SecureRandom.getInstance("DRBG");
		}
		catch (NoSuchAlgorithmException ex) {
			// A provider list without the SUN provider's DRBG (some FIPS setups)
			return new SecureRandom();
		}
	}

	/**
	 * Write a new nonce into {@code target} at {@code offset}.
	 * @param target the array to write into
	 * @param offset where the nonce starts
	 */
	void next(byte[] target, int offset) {
		this.lock.lock();
		try {
			if (this.next == this.batch.length) {
				this.random.nextBytes(this.batch);
				this.next = 0;
			}
			System.arraycopy(this.batch, this.next, target, offset, this.length);
			Arrays.fill(this.batch, this.next, this.next + this.length, (byte) 0);
			this.next += this.length;
		}
		finally {
			this.lock.unlock();
		}
	}

}
