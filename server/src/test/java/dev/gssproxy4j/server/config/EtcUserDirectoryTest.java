package dev.gssproxy4j.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EtcUserDirectoryTest {

    @Test
    void readsPasswdAndGroupFiles(@TempDir Path tmp) throws Exception {
        Path passwd = Files.writeString(tmp.resolve("passwd"), String.join("\n",
                "root:x:0:0:root:/root:/bin/bash",
                "# comment",
                "apache:x:48:48:Apache:/usr/share/httpd:/sbin/nologin",
                "broken:x:notanumber:1::/:/bin/sh",
                "+nisplus",
                "alice:x:1000:1000::/home/alice:/bin/bash", ""));
        Path group = Files.writeString(tmp.resolve("group"), String.join("\n",
                "root:x:0:", "wheel:x:10:alice,bob", "apache:x:48:", "dev:x:2000:alice", ""));
        EtcUserDirectory users = new EtcUserDirectory(passwd, group);

        assertEquals(Optional.of(new UserDirectory.User("apache", 48, 48, "/usr/share/httpd")), users.byName("apache"));
        assertEquals("alice", users.byUid(1000).orElseThrow().name());
        assertEquals(Optional.empty(), users.byName("broken"));
        assertEquals(Optional.empty(), users.byName("+nisplus"));
        assertEquals(Optional.empty(), users.byUid(4242));
        assertEquals(List.of(10, 2000), users.supplementaryGroups("alice"));
        assertEquals(List.of(), users.supplementaryGroups("apache"));
    }

    @Test
    void missingFilesMeanNoUsers(@TempDir Path tmp) {
        EtcUserDirectory users = new EtcUserDirectory(tmp.resolve("none"), tmp.resolve("none2"));
        assertEquals(Optional.empty(), users.byName("root"));
    }

    @Test
    void systemDirectoryKnowsRoot() {
        assertEquals(0, UserDirectory.system().byName("root").orElseThrow().uid());
    }
}
