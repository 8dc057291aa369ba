package dev.flagon.session;

import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * Random version 4 UUIDs, as {@link UUID#randomUUID()} makes them, for the sessions that
 * have no id of their own (cookie sessions, whose {@code HttpSession} view must still answer
 * {@code getId()}: Spring MVC asks for it on every request to publish its
 * {@code ServletRequestHandledEvent}). Their bytes come from {@link RandomBytes}, for about
 * a quarter of what {@link UUID#randomUUID()} spends drawing them.
 */
final class RandomIds {

	private static final RandomBytes BYTES = new RandomBytes(16);

	private RandomIds() {
	}

	/**
	 * Return a new random UUID, in its text form.
	 * @return the id
	 */
	static String next() {
		byte[] bytes = new byte[16];
		BYTES.next(bytes, 0);
		ByteBuffer buffer = ByteBuffer.wrap(bytes);
		// version 4, IETF variant, as UUID.randomUUID()
		long mostSignificantBits = (buffer.getLong() & ~0xF000L) | 0x4000L;
		long leastSignificantBits = (buffer.getLong() & ~(0xC0L << 56)) | (0x80L << 56);
		return new UUID(mostSignificantBits, leastSignificantBits).toString();
	}

}
