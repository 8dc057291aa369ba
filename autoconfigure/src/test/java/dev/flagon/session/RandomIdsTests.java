package dev.flagon.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RandomIds}.
 */
class RandomIdsTests {

	@Test
	void makesVersion4UuidsAsUuidRandomUuidDoes() {
		for (int i = 0; i < 1_000; i++) {
			String id = RandomIds.next();
			UUID uuid = UUID.fromString(id);
			assertThat(uuid.toString()).isEqualTo(id);
			assertThat(uuid.version()).isEqualTo(4);
			assertThat(uuid.variant()).isEqualTo(2);
		}
	}

	@Test
	void neverHandsOutAnIdTwiceAcrossThreadsAndDraws() throws InterruptedException {
		Set<String> ids = ConcurrentHashMap.newKeySet();
		CountDownLatch start = new CountDownLatch(1);
		List<Thread> threads = new ArrayList<>();
		for (int t = 0; t < 8; t++) {
			Thread thread = new Thread(() -> {
				awaitQuietly(start);
				for (int i = 0; i < 5_000; i++) {
					ids.add(RandomIds.next());
				}
			});
			thread.start();
			threads.add(thread);
		}
		start.countDown();
		for (Thread thread : threads) {
			thread.join();
		}
		assertThat(ids).hasSize(40_000);
	}

	@Test
	void usesEveryRandomBit() {
		// 122 random bits per id: over many ids every one of them is seen set and clear
		long setMost = 0;
		long clearMost = 0;
		long setLeast = 0;
		long clearLeast = 0;
		for (int i = 0; i < 2_000; i++) {
			UUID uuid = UUID.fromString(RandomIds.next());
			setMost |= uuid.getMostSignificantBits();
			clearMost |= ~uuid.getMostSignificantBits();
			setLeast |= uuid.getLeastSignificantBits();
			clearLeast |= ~uuid.getLeastSignificantBits();
		}
		assertThat(setMost & clearMost).isEqualTo(~0xF000L);
		assertThat(setLeast & clearLeast).isEqualTo(~(0xC0L << 56));
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
