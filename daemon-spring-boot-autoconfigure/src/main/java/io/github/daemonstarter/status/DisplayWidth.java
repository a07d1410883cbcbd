/*
 * Copyright 2026-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.github.daemonstarter.status;

/**
 * The width of text on a terminal, in columns, as {@code wcwidth(3)} measures it: East
 * Asian wide and fullwidth characters and emoji take two columns, combining marks none,
 * and every other code point one. Counted in code points, never in UTF-16 units, so a
 * character outside the Basic Multilingual Plane is one character, not two.
 * <p>
 * The wide ranges are those of Unicode's {@code EastAsianWidth.txt} ({@code W} and
 * {@code F}), merged into blocks where a block is wide almost throughout; a rare
 * character may be a column off, which misaligns a table by a column, no worse.
 *
 * @author Daemon Starter Team
 */
final class DisplayWidth {

	private static final String ELLIPSIS = "…";

	/**
	 * First and last code point of each range of wide characters, in ascending order.
	 */
	private static final int[][] WIDE = { { 0x1100, 0x115F }, { 0x231A, 0x231B }, { 0x2329, 0x232A },
			{ 0x23E9, 0x23EC }, { 0x23F0, 0x23F0 }, { 0x23F3, 0x23F3 }, { 0x25FD, 0x25FE }, { 0x2614, 0x2615 },
			{ 0x2648, 0x2653 }, { 0x267F, 0x267F }, { 0x2693, 0x2693 }, { 0x26A1, 0x26A1 }, { 0x26AA, 0x26AB },
			{ 0x26BD, 0x26BE }, { 0x26C4, 0x26C5 }, { 0x26CE, 0x26CE }, { 0x26D4, 0x26D4 }, { 0x26EA, 0x26EA },
			{ 0x26F2, 0x26F3 }, { 0x26F5, 0x26F5 }, { 0x26FA, 0x26FA }, { 0x26FD, 0x26FD }, { 0x2705, 0x2705 },
			{ 0x270A, 0x270B }, { 0x2728, 0x2728 }, { 0x274C, 0x274C }, { 0x274E, 0x274E }, { 0x2753, 0x2755 },
			{ 0x2757, 0x2757 }, { 0x2795, 0x2797 }, { 0x27B0, 0x27B0 }, { 0x27BF, 0x27BF }, { 0x2B1B, 0x2B1C },
			{ 0x2B50, 0x2B50 }, { 0x2B55, 0x2B55 }, { 0x2E80, 0x303E }, { 0x3041, 0x33FF }, { 0x3400, 0x4DBF },
			{ 0x4E00, 0x9FFF }, { 0xA000, 0xA4CF }, { 0xA960, 0xA97F }, { 0xAC00, 0xD7A3 }, { 0xF900, 0xFAFF },
			{ 0xFE10, 0xFE19 }, { 0xFE30, 0xFE6F }, { 0xFF00, 0xFF60 }, { 0xFFE0, 0xFFE6 }, { 0x16FE0, 0x16FE4 },
			{ 0x17000, 0x18CFF }, { 0x1B000, 0x1B2FF }, { 0x1F004, 0x1F004 }, { 0x1F0CF, 0x1F0CF },
			{ 0x1F18E, 0x1F18E }, { 0x1F191, 0x1F19A }, { 0x1F200, 0x1F251 }, { 0x1F300, 0x1F64F },
			{ 0x1F680, 0x1F6FF }, { 0x1F7E0, 0x1F7EB }, { 0x1F90C, 0x1F9FF }, { 0x1FA70, 0x1FAFF },
			{ 0x20000, 0x2FFFD }, { 0x30000, 0x3FFFD } };

	private DisplayWidth() {
	}

	/**
	 * Return the number of columns that the text takes on a terminal.
	 * @param text the text, without control characters
	 * @return its width in columns
	 */
	static int of(String text) {
		return text.codePoints().map(DisplayWidth::of).sum();
	}

	/**
	 * Return the text cut to at most the given width, with an ellipsis in place of what
	 * was cut.
	 * @param text the text, without control characters
	 * @param maxWidth the most columns it may take, at least 1
	 * @return the text, or its start and an ellipsis if it is wider
	 */
	static String truncate(String text, int maxWidth) {
		if (of(text) <= maxWidth) {
			return text;
		}
		StringBuilder cut = new StringBuilder();
		int width = 0;
		int limit = maxWidth - of(ELLIPSIS);
		for (int offset = 0; offset < text.length();) {
			int codePoint = text.codePointAt(offset);
			int next = width + of(codePoint);
			if (next > limit) {
				break;
			}
			cut.appendCodePoint(codePoint);
			width = next;
			offset += Character.charCount(codePoint);
		}
		return cut.append(ELLIPSIS).toString();
	}

	/**
	 * Return the number of columns that a code point takes on a terminal.
	 * @param codePoint the code point
	 * @return 0, 1 or 2
	 */
	static int of(int codePoint) {
		int type = Character.getType(codePoint);
		if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
				|| (codePoint >= 0x1160 && codePoint <= 0x11FF) || codePoint == 0x200B) {
			return 0;
		}
		return isWide(codePoint) ? 2 : 1;
	}

	private static boolean isWide(int codePoint) {
		if (codePoint < WIDE[0][0]) {
			return false;
		}
		int low = 0;
		int high = WIDE.length - 1;
		while (low <= high) {
			int middle = (low + high) >>> 1;
			if (codePoint > WIDE[middle][1]) {
				low = middle + 1;
			}
			else if (codePoint < WIDE[middle][0]) {
				high = middle - 1;
			}
			else {
				return true;
			}
		}
		return false;
	}

}
