package dev.siyu.model;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An exact amount of CNY. Never passes through a binary floating-point number.
 * On the wire it is a decimal string ({@code "199.00"}); a JSON number is accepted on input.
 *
 * <p>Immutable and thread-safe.
 */
public record Money(BigDecimal amount) implements Comparable<Money> {

    public static final Money ZERO = new Money(BigDecimal.ZERO);

    public Money {
        Objects.requireNonNull(amount, "amount");
    }

    private static final java.util.regex.Pattern PLAIN_DECIMAL = java.util.regex.Pattern.compile("-?[0-9]*\\.?[0-9]*");

    /** The most digits before the decimal point an amount may have (up to about 10^18 CNY). */
    public static final int MAX_INTEGER_DIGITS = 18;

    /** The most digits after the decimal point an amount may have. */
    public static final int MAX_DECIMALS = 6;

    /**
     * Parses a non-negative decimal such as {@code 199.00} or {@code 10000}.
     *
     * @throws IllegalArgumentException when the text is not a plain decimal number, is negative,
     *                                  or has more than {@link #MAX_INTEGER_DIGITS} digits before
     *                                  or {@link #MAX_DECIMALS} after the point; the message does
     *                                  not repeat the text
     */
    public static Money of(String text) {
        Objects.requireNonNull(text, "amount");
        String trimmed = text.trim();
        if (trimmed.isEmpty() || trimmed.length() > MAX_INTEGER_DIGITS + MAX_DECIMALS + 2 || !PLAIN_DECIMAL.matcher(trimmed).matches()) {
            throw new IllegalArgumentException("is not a decimal amount of CNY such as 199.00 (got a text of "
                    + text.length() + " characters)");
        }
        try {
            return of(new BigDecimal(trimmed));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("is not a decimal amount of CNY such as 199.00 (got a text of "
                    + text.length() + " characters)");
        }
    }

    /**
     * An amount as given.
     *
     * @throws IllegalArgumentException when it is negative or has more than
     *                                  {@link #MAX_INTEGER_DIGITS} digits before or
     *                                  {@link #MAX_DECIMALS} after the point
     */
    public static Money of(BigDecimal amount) {
        Objects.requireNonNull(amount, "amount");
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("is negative; amounts of CNY are zero or more");
        }
        if (amount.scale() > MAX_DECIMALS) {
            throw new IllegalArgumentException("has more than " + MAX_DECIMALS + " digits after the decimal point");
        }
        if (amount.precision() - amount.scale() > MAX_INTEGER_DIGITS) {
            throw new IllegalArgumentException("has more than " + MAX_INTEGER_DIGITS + " digits before the decimal point");
        }
        return new Money(amount);
    }

    public Money plus(Money other) {
        return new Money(amount.add(other.amount));
    }

    public boolean isAtLeast(Money other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(Money other) {
        return amount.compareTo(other.amount);
    }

    /** Numeric equality, whatever the scale: {@code 999.0} equals {@code 999.00}. */
    public boolean sameAmountAs(Money other) {
        return compareTo(other) == 0;
    }

    @Override
    public String toString() {
        return amount.toPlainString();
    }
}
