package com.example.secured;

import java.security.Principal;

import dev.flagon.session.FlagonSession;

import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ShopController {

	@GetMapping("/shop")
	String shop() {
		return "welcome to the shop";
	}

	@PostMapping("/cart")
	String addToCart(@RequestParam String item, FlagonSession session) {
		session.put("cart", item);
		return "added " + item;
	}

	@GetMapping("/cart")
	String cart(FlagonSession session) {
		return String.valueOf(session.get("cart"));
	}

	@GetMapping("/csrf")
	String csrf(CsrfToken token) {
		return token.getToken();
	}

	@GetMapping("/secured/me")
	String me(Principal principal) {
		return "hello " + principal.getName();
	}

	@PostMapping("/secured/orders")
	String order(Principal principal, FlagonSession session) {
		return principal.getName() + " ordered " + session.get("cart");
	}

}
