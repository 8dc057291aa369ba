package dev.flagon.session.cookie;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CookieCodecSupport}.
 */
class CookieCodecSupportTests {

	private static final byte[] DATA = "{\"user\":\"alice\",\"cart\":[1,2,3,1,2,3,1,2,3,1,2,3]}"
		.getBytes(StandardCharsets.UTF_8);

	@Test
	void reusedZlibStreamsDeflateTheSameBytesAsAFreshDeflater() {
		for (boolean nowrap : new boolean[] { true, false }) {
			CookieCodecSupport.Zlib zlib = new CookieCodecSupport.Zlib(nowrap);
			byte[] expected = freshDeflate(DATA, nowrap);
			for (int i = 0; i < 3; i++) {
				assertThat(zlib.deflate(DATA)).isEqualTo(expected);
				assertThat(zlib.inflate(expected, 0, expected.length)).isEqualTo(DATA);
			}
		}
	}

	@Test
	void reusedInflaterReadsAfterRefusingABombATruncatedStreamAndGarbage() {
		CookieCodecSupport.Zlib zlib = new CookieCodecSupport.Zlib(true);
		byte[] bomb = zlib.deflate(new byte[CookieCodecSupport.MAX_INFLATED_LENGTH + 1]);
		byte[] deflated = zlib.deflate(DATA);
		for (int i = 0; i < 3; i++) {
			assertThat(zlib.inflate(bomb, 0, bomb.length)).isNull();
			assertThat(zlib.inflate(deflated, 0, deflated.length - 2)).isNull();
			assertThat(zlib.inflate(new byte[] { (byte) 0xff, 0x13, 0x37 }, 0, 3)).isNull();
			assertThat(zlib.inflate(deflated, 0, deflated.length)).isEqualTo(DATA);
		}
	}

	private static byte[] freshDeflate(byte[] data, boolean nowrap) {
		Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, nowrap);
		deflater.setInput(data);
		deflater.finish();
		byte[] buffer = new byte[data.length + 64];
		int length = deflater.deflate(buffer);
		deflater.end();
		return Arrays.copyOf(buffer, length);
	}

}
