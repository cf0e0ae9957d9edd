package io.stockout.demo.shop;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShopFormTest {

    @Test
    void fieldsAreDecodedAsABrowserEncodesThem() {
        ShopForm form = ShopForm.read("zip=72712&return-to=%2Fshop%2Fcart&note=two+words&name=Caf%C3%A9").orElseThrow();

        assertThat(form.get("zip")).isEqualTo("72712");
        assertThat(form.get("return-to")).isEqualTo("/shop/cart");
        assertThat(form.get("note")).isEqualTo("two words");
        assertThat(form.get("name")).isEqualTo("Café");
        assertThat(form.get("missing")).isNull();
    }

    @Test
    void aNameSentTwiceKeepsItsFirstValueAndANameWithoutValueIsEmpty() {
        ShopForm form = ShopForm.read("sku=first&sku=second&quantity&&").orElseThrow();

        assertThat(form.get("sku")).isEqualTo("first");
        assertThat(form.get("quantity")).isEmpty();
    }

    @Test
    void anEmptyBodyIsAnEmptyForm() {
        assertThat(ShopForm.read("").orElseThrow().get("zip")).isNull();
        assertThat(ShopForm.read(null).orElseThrow().get("zip")).isNull();
    }

    @Test
    void aBodyWithABrokenEscapeOrLongerThanAnyFormCannotBeRead() {
        assertThat(ShopForm.read("zip=%zz&csrf-token=t")).isEmpty();
        assertThat(ShopForm.read("zip=7271%")).isEmpty();
        assertThat(ShopForm.read("%zz=72712")).isEmpty();
        assertThat(ShopForm.read("zip=" + "7".repeat(ShopForm.MAX_LENGTH))).isEmpty();
    }
}
