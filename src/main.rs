fn main() {
    println!("bulletin");
}
