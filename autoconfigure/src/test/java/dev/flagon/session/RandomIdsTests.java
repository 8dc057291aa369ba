package dev.flagon.session;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;

import dev.flagon.testsupport.Threads;

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
		Threads.runTogether(8, () -> {
			for (int i = 0; i < 5_000; i++) {
				ids.add(RandomIds.next());
			}
		});
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

}
