package dev.flagon.session;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Writes a {@code double} as Python's {@code repr(float)} does (and so as {@code json.dumps}
 * does): the shortest digits that read back as the same value, in positional notation when
 * the decimal exponent is from -4 to 15 ({@code 1e-05}, {@code 0.0001}, {@code 12.5},
 * {@code 1e+16}), and {@code NaN}, {@code Infinity}, {@code -Infinity}.
 */
final class FloatRepr {

	private FloatRepr() {
	}

	static String of(double value) {
		if (Double.isNaN(value)) {
			return "NaN";
		}
		if (Double.isInfinite(value)) {
			return (value > 0) ? "Infinity" : "-Infinity";
		}
		if (value == 0) {
			return (Double.doubleToRawLongBits(value) < 0) ? "-0.0" : "0.0";
		}
		BigDecimal shortest = shortest(value);
		String digits = shortest.unscaledValue().abs().toString();
		// value = 0.<digits> x 10^point
		int point = digits.length() - shortest.scale();
		StringBuilder result = new StringBuilder(digits.length() + 8);
		if (value < 0) {
			result.append('-');
		}
		if (point <= -4 || point > 16) {
			result.append(digits.charAt(0));
			if (digits.length() > 1) {
				result.append('.').append(digits, 1, digits.length());
			}
			int exponent = point - 1;
			result.append('e').append((exponent < 0) ? '-' : '+');
			int magnitude = Math.abs(exponent);
			if (magnitude < 10) {
				result.append('0');
			}
			return result.append(magnitude).toString();
		}
		if (point <= 0) {
			result.append("0.");
			result.append("0".repeat(-point));
			return result.append(digits).toString();
		}
		if (point >= digits.length()) {
			result.append(digits);
			result.append("0".repeat(point - digits.length()));
			return result.append(".0").toString();
		}
		return result.append(digits, 0, point).append('.').append(digits, point, digits.length()).toString();
	}

	/**
	 * The shortest decimal that reads back as {@code value}, the nearest one when several
	 * of that length do. {@code Double.toString} gives this from Java 19 only.
	 */
	private static BigDecimal shortest(double value) {
		BigDecimal exact = new BigDecimal(value);
		for (int precision = 1; precision < 17; precision++) {
			BigDecimal nearest = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
			if (nearest.doubleValue() == value) {
				return nearest.stripTrailingZeros();
			}
			// Next to a power of two the values that read back are not centred on the
			// value, so the nearest candidate may miss where the other neighbour hits
			BigDecimal other = exact.round(new MathContext(precision,
					(nearest.compareTo(exact) < 0) ? RoundingMode.CEILING : RoundingMode.FLOOR));
			if (other.doubleValue() == value) {
				return other.stripTrailingZeros();
			}
		}
		return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
	}

}
