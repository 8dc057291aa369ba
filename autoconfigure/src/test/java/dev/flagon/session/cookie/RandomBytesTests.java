package dev.flagon.session.cookie;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;

import dev.flagon.testsupport.Threads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link RandomBytes}.
 */
class RandomBytesTests {

	private final RandomBytes bytes = new RandomBytes(12);

	@Test
	void writesOneValueWhereItIsAskedAndNothingElse() {
		byte[] target = new byte[20];
		Arrays.fill(target, (byte) 0x55);
		this.bytes.next(target, 4);
		assertThat(Arrays.copyOfRange(target, 0, 4)).containsOnly(0x55);
		assertThat(Arrays.copyOfRange(target, 16, 20)).containsOnly(0x55);
		assertThat(Arrays.copyOfRange(target, 4, 16)).isNotEqualTo(new byte[] { 0x55, 0x55, 0x55, 0x55, 0x55, 0x55,
				0x55, 0x55, 0x55, 0x55, 0x55, 0x55 });
	}

	@Test
	void neverHandsOutAValueTwiceAcrossThreadsAndDraws() throws InterruptedException {
		Set<String> seen = ConcurrentHashMap.newKeySet();
		Threads.runTogether(8, () -> {
			byte[] value = new byte[12];
			for (int i = 0; i < 5_000; i++) {
				this.bytes.next(value, 0);
				seen.add(HexFormat.of().formatHex(value));
			}
		});
		// 40,000 values are 625 draws of 64: a slice handed out twice would show here
		assertThat(seen).hasSize(40_000);
	}

	@Test
	void refusesALengthBelowOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RandomBytes(0)).withMessageContaining("'length'");
	}

	@Test
	void usesEveryBit() {
		byte[] set = new byte[12];
		byte[] clear = new byte[12];
		byte[] value = new byte[12];
		for (int i = 0; i < 1_000; i++) {
			this.bytes.next(value, 0);
			for (int b = 0; b < value.length; b++) {
				set[b] |= value[b];
				clear[b] |= (byte) ~value[b];
			}
		}
		assertThat(set).containsOnly(0xFF);
		assertThat(clear).containsOnly(0xFF);
	}

}
