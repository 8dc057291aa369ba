package dev.flagon.session;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Random version 4 UUIDs, as {@link UUID#randomUUID()} makes them, for the sessions that
 * have no id of their own (cookie sessions, whose {@code HttpSession} view must still answer
 * {@code getId()}: Spring MVC asks for it on every request to publish its
 * {@code ServletRequestHandledEvent}). A {@link SecureRandom} call costs more than the rest
 * of a request's session handling, so the random bytes are drawn {@value #IDS_PER_DRAW} ids at
 * a time and handed out under a lock. They come from the JDK's {@code DRBG} (NIST SP 800-90A
 * Hash_DRBG, seeded by the system's entropy source), which makes them for about a quarter
 * of the time the default {@code NativePRNG} takes, as it mixes every byte read from
 * {@code /dev/urandom} with a SHA1PRNG of its own.
 */
final class RandomIds {

	private static final int IDS_PER_DRAW = 64;

	private static final int ID_LENGTH = 16;

	private static final RandomIds INSTANCE = new RandomIds();

	private final SecureRandom random = drbg();

	private final byte[] bytes = new byte[IDS_PER_DRAW * ID_LENGTH];

	private final ReentrantLock lock = new ReentrantLock();

	private int next = this.bytes.length;

	private RandomIds() {
	}

	private static SecureRandom drbg() {
		try {
			return SecureRandom.getInstance("DRBG");
		}
		catch (NoSuchAlgorithmException ex) {
			return new SecureRandom();
		}
	}

	/**
	 * Return a new random UUID, in its text form.
	 * @return the id
	 */
	static String next() {
		return INSTANCE.nextId();
	}

	private String nextId() {
		long mostSignificantBits;
		long leastSignificantBits;
		this.lock.lock();
		try {
			if (this.next == this.bytes.length) {
				this.random.nextBytes(this.bytes);
				this.next = 0;
			}
			mostSignificantBits = longAt(this.next);
			leastSignificantBits = longAt(this.next + 8);
			// handed out once: forget them
			Arrays.fill(this.bytes, this.next, this.next + ID_LENGTH, (byte) 0);
			this.next += ID_LENGTH;
		}
		finally {
			this.lock.unlock();
		}
		// version 4, IETF variant, as UUID.randomUUID()
		mostSignificantBits = (mostSignificantBits & ~0xF000L) | 0x4000L;
		leastSignificantBits = (leastSignificantBits & ~(0xC0L << 56)) | (0x80L << 56);
		return new UUID(mostSignificantBits, leastSignificantBits).toString();
	}

	private long longAt(int offset) {
		long value = 0;
		for (int i = offset; i < offset + 8; i++) {
			value = (value << 8) | (this.bytes[i] & 0xFF);
		}
		return value;
	}

}
