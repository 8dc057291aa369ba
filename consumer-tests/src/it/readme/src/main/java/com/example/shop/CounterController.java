package com.example.shop;

import dev.flagon.context.G;
import dev.flagon.session.FlagonSession;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class CounterController {

	@PostMapping("/login")
	String login(@RequestParam String user, FlagonSession session) {
		session.regenerate();                                          // a new identity on login
		session.put("user", user);
		return "hello " + user;
	}

	@GetMapping("/counter")
	String counter(FlagonSession session, G g) {
		int counter = session.get("counter", Integer.class, 0) + 1;
		session.put("counter", counter);
		return counter + " " + g.get("permissions");
	}

}
