package cardkit

// Name and place lists are small on purpose: they cover the common shapes of
// Indian names (one or two given names, a family name, initials are added by the
// generator) without pretending to be a census.

var maleGiven = []string{
	"Aarav", "Abhishek", "Aditya", "Ajay", "Akash", "Amit", "Anil", "Arjun", "Ashok", "Deepak",
	"Dinesh", "Gaurav", "Harish", "Jitendra", "Karan", "Kishore", "Lokesh", "Mahesh", "Manoj", "Mohan",
	"Naveen", "Nikhil", "Pankaj", "Pradeep", "Prakash", "Rahul", "Rajesh", "Rakesh", "Ramesh", "Ravi",
	"Rohit", "Sachin", "Sandeep", "Sanjay", "Santosh", "Suresh", "Sunil", "Tarun", "Vijay", "Vikram",
	"Vinod", "Vivek", "Yogesh", "Sriram", "Venkatesh", "Murugan", "Arvind", "Gopal", "Harsh", "Imran",
}

var femaleGiven = []string{
	"Aarti", "Aishwarya", "Anita", "Anjali", "Ankita", "Bhavna", "Deepika", "Divya", "Geeta", "Jyoti",
	"Kavita", "Lakshmi", "Madhuri", "Meena", "Neha", "Nisha", "Pooja", "Priya", "Radha", "Rani",
	"Rekha", "Ritu", "Sangeeta", "Sarita", "Shalini", "Shweta", "Sneha", "Sunita", "Swati", "Usha",
	"Vandana", "Vidya", "Yamini", "Kavya", "Nandini", "Pallavi", "Revathi", "Farah", "Simran", "Tanvi",
}

var middleNames = []string{"Kumar", "Prasad", "Chandra", "Nath", "Lal", "Singh", "Devi", "Rani", "Bai", "Mohan"}

var surnames = []string{
	"Sharma", "Verma", "Gupta", "Singh", "Kumar", "Patel", "Shah", "Mehta", "Joshi", "Reddy",
	"Rao", "Naidu", "Iyer", "Iyengar", "Nair", "Menon", "Pillai", "Das", "Ghosh", "Banerjee",
	"Chatterjee", "Mukherjee", "Bose", "Sen", "Yadav", "Chauhan", "Rathore", "Thakur", "Mishra", "Pandey",
	"Tiwari", "Dubey", "Srivastava", "Agarwal", "Jain", "Kulkarni", "Deshpande", "Patil", "Pawar", "Jadhav",
	"Gowda", "Hegde", "Shetty", "Khan", "Qureshi", "Ansari", "Sethi", "Malhotra", "Kapoor", "Bhatia",
}

// place is a town with its state and the first three digits of its PIN codes.
type place struct {
	City, State, PINPrefix string
}

var places = []place{
	{"New Delhi", "Delhi", "110"}, {"Gurugram", "Haryana", "122"}, {"Chandigarh", "Chandigarh", "160"},
	{"Ludhiana", "Punjab", "141"}, {"Shimla", "Himachal Pradesh", "171"}, {"Jammu", "Jammu and Kashmir", "180"},
	{"Lucknow", "Uttar Pradesh", "226"}, {"Kanpur", "Uttar Pradesh", "208"}, {"Varanasi", "Uttar Pradesh", "221"},
	{"Dehradun", "Uttarakhand", "248"}, {"Jaipur", "Rajasthan", "302"}, {"Jodhpur", "Rajasthan", "342"},
	{"Ahmedabad", "Gujarat", "380"}, {"Surat", "Gujarat", "395"}, {"Vadodara", "Gujarat", "390"},
	{"Mumbai", "Maharashtra", "400"}, {"Pune", "Maharashtra", "411"}, {"Nagpur", "Maharashtra", "440"},
	{"Nashik", "Maharashtra", "422"}, {"Panaji", "Goa", "403"}, {"Bhopal", "Madhya Pradesh", "462"},
	{"Indore", "Madhya Pradesh", "452"}, {"Raipur", "Chhattisgarh", "492"}, {"Hyderabad", "Telangana", "500"},
	{"Warangal", "Telangana", "506"}, {"Vijayawada", "Andhra Pradesh", "520"}, {"Visakhapatnam", "Andhra Pradesh", "530"},
	{"Bengaluru", "Karnataka", "560"}, {"Mysuru", "Karnataka", "570"}, {"Mangaluru", "Karnataka", "575"},
	{"Chennai", "Tamil Nadu", "600"}, {"Coimbatore", "Tamil Nadu", "641"}, {"Madurai", "Tamil Nadu", "625"},
	{"Kochi", "Kerala", "682"}, {"Thiruvananthapuram", "Kerala", "695"}, {"Kozhikode", "Kerala", "673"},
	{"Kolkata", "West Bengal", "700"}, {"Howrah", "West Bengal", "711"}, {"Bhubaneswar", "Odisha", "751"},
	{"Guwahati", "Assam", "781"}, {"Shillong", "Meghalaya", "793"}, {"Patna", "Bihar", "800"},
	{"Gaya", "Bihar", "823"}, {"Ranchi", "Jharkhand", "834"}, {"Jamshedpur", "Jharkhand", "831"},
}

var streets = []string{
	"MG Road", "Station Road", "Gandhi Nagar", "Nehru Street", "Temple Road", "Main Road", "Church Street",
	"Market Road", "Ring Road", "Lake View Road", "Park Street", "Canal Road", "Mill Road", "Hospital Road",
	"College Road", "Subhash Marg", "Tilak Path", "Ambedkar Colony", "Shivaji Nagar", "Rajaji Salai",
}

var localities = []string{
	"Indiranagar", "Koramangala", "Andheri East", "Salt Lake", "Banjara Hills", "Anna Nagar", "Civil Lines",
	"Model Town", "Sector 14", "Sector 62", "Gomti Nagar", "Vaishali Nagar", "Navrangpura", "Kothrud",
	"Aundh", "Adyar", "Kakkanad", "Rajendra Nagar", "Ashok Vihar", "Malviya Nagar", "Jayanagar", "Vasant Kunj",
}

var buildings = []string{
	"Sai Residency", "Krishna Apartments", "Shanti Niketan", "Green Park Society", "Lotus Enclave",
	"Ganga Heights", "Sunrise Towers", "Ashirwad Complex",
}

// South Indian given names, often several in a row, and family or place
// names; prefixes such as Venkata open many long names.
var southMale = []string{
	"Subramanian", "Srinivasan", "Ramakrishnan", "Balasubramanian", "Karthikeyan", "Senthil", "Murugan",
	"Ganesan", "Anantharaman", "Narayanaswamy", "Chandrasekhar", "Rajagopal", "Sivakumar", "Muthukumar",
	"Vignesh", "Prasanna", "Raghavendra", "Satyanarayana", "Mallikarjuna", "Padmanabhan", "Thirumalai",
}

var southFemale = []string{
	"Lakshmi", "Meenakshi", "Padmavathi", "Saraswathi", "Annapurna", "Bhuvaneswari", "Kamakshi",
	"Vijayalakshmi", "Jayalakshmi", "Thenmozhi", "Kalaivani", "Sowmya", "Anusha", "Harini", "Keerthana",
	"Durga", "Prasanna", "Gayathri", "Nagalakshmi", "Sivagami",
}

var southPrefixes = []string{"Venkata", "Naga", "Sai", "Sri", "Satya", "Surya", "Siva", "Rama", "Lakshmi"}

var southFamily = []string{
	"Subramaniam", "Ramasamy", "Krishnamurthy", "Venkataraman", "Chidambaram", "Natarajan", "Ranganathan",
	"Parthasarathy", "Gopalakrishnan", "Radhakrishnan", "Kuppuswamy", "Balakrishnan", "Reddy", "Naidu",
	"Chowdary", "Pillai", "Nair", "Menon", "Kurup", "Gowda",
}

// landmarks sit between street and locality in many addresses.
var landmarks = []string{
	"Near Bus Stand", "Opp. Government School", "Behind Sri Rama Temple", "Near SBI Branch",
	"Beside Water Tank", "Near Railway Gate", "Opp. Panchayat Office", "Near Clock Tower",
}
