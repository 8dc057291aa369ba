/**
 * Codecs that turn a whole session into one signed or encrypted cookie value and back.
 */
@NullMarked
package dev.flagon.session.cookie;

import org.jspecify.annotations.NullMarked;
