package dev.flagon.session.cookie;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;

import org.springframework.util.Assert;

/**
 * Values of random bytes, each handed out once, for what a codec makes on every write:
 * AES-GCM nonces. They come from the JDK's {@code DRBG} (NIST
 * SP 800-90A Hash_DRBG, SHA-256, seeded by the system's entropy source). A call of it costs
 * about 300 ns however few bytes it makes, so the values are drawn {@value #VALUES_PER_DRAW}
 * at a time; one then costs about a quarter of a call of the default {@code NativePRNG},
 * which mixes every byte it reads from {@code /dev/urandom} with a SHA1PRNG of its own.
 * Every slice of a draw is copied out under a lock and cleared, so no value is handed out
 * twice.
 *
 * @author Flagon team
 * @since 0.1.0
 */
final class RandomBytes {

	private static final int VALUES_PER_DRAW = 64;

	private final SecureRandom random = drbg();

	private final int length;

	private final byte[] batch;

	private final ReentrantLock lock = new ReentrantLock();

	private int next;

	/**
	 * Create a source of values of the given length.
	 * @param length the number of bytes of each value
	 */
	RandomBytes(int length) {
		Assert.isTrue(length > 0, "'length' must be positive");
		this.length = length;
		this.batch = new byte[VALUES_PER_DRAW * length];
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
	 * Write a new value into {@code target} at {@code offset}.
	 * @param target the array to write into
	 * @param offset where the value starts
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
