package com.example.secured;

import jakarta.servlet.http.HttpServletRequest;

import dev.flagon.hooks.BeforeRequest;
import dev.flagon.session.FlagonSession;

import org.springframework.stereotype.Component;

/**
 * Remembers the currency a visitor picks with {@code ?currency=}: the hook is handed the session
 * on every request and uses it only on those that pick one.
 */
@Component
class CurrencyHook {

	@BeforeRequest
	void pickCurrency(HttpServletRequest request, FlagonSession session) {
		String currency = request.getParameter("currency");
		if (currency != null) {
			session.put("currency", currency);
		}
	}

}
