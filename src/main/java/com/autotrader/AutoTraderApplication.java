package com.autotrader;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class AutoTraderApplication {

    public static void main(String[] args) {
        SpringApplication.run(AutoTraderApplication.class, args);
    }
}
